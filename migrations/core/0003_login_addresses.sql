-- Sign-in throttling per client address (and per account from that address), and the purge
-- of records older than the throttling window.
CREATE INDEX login_failures_ip_at ON login_failures(ip, at);
CREATE INDEX login_failures_at ON login_failures(at);
