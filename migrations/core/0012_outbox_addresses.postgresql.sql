-- The outbox also mails people who have no account (a person abroad the safety register knows
-- by address, answering a roll call): user_id becomes optional, and such a message carries the
-- language it is written in (a user's message is written in the user's language when sent).
ALTER TABLE outbox ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN locale TEXT;
ALTER TABLE outbox ADD CONSTRAINT outbox_recipient CHECK (user_id IS NOT NULL OR locale IS NOT NULL);
