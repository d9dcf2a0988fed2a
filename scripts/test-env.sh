# The environment every test runner's servers share (sourced by scripts/run-api-tests.sh,
# run-e2e-tests.sh and crash-test.sh).
# The demo users' password.
export WAISHI_DEMO_PASSWORD=${WAISHI_DEMO_PASSWORD:-demo-Passw0rd}
# Passwords hashed at Argon2id's minimum cost (core/auth/password.h): a run's thousand hashes
# would otherwise take half of its servers' time. Never on a real server.
export WAISHI_TEST_WEAK_PASSWORD_HASH=${WAISHI_TEST_WEAK_PASSWORD_HASH:-1}
