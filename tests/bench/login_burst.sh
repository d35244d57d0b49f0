#!/usr/bin/env bash
# A login burst: COUNT parent logins, CONCURRENCY at a time, as fast as the client can, while
# wrk keeps loading a logged-in page (/famille) to show that the bound on concurrent password
# hashes keeps other pages responsive. Prints Markdown lines for docs/PERFORMANCE.md.
#   tests/bench/login_burst.sh BASE_URL EMAIL PASSWORD_FILE [COUNT] [CONCURRENCY]
set -euo pipefail
BASE=$1 EMAIL=$2 PASSWORD=$(cat "$3") COUNT=${4:-200} CONC=${5:-32}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# One CSRF cookie and its token serve every login of the burst.
curl -s -c "$WORK/jar" "$BASE/connexion" > "$WORK/form.html"
TOKEN=$(grep -o 'name="csrf" value="[^"]*"' "$WORK/form.html" | head -1 | cut -d'"' -f4)
CSRF=$(awk '$6 == "csrf" {print $7}' "$WORK/jar")
[ -n "$TOKEN" ] && [ -n "$CSRF" ] || { echo "login_burst: no CSRF token" >&2; exit 1; }
# A parent told "trop de monde" (503) tries again shortly, as the page asks; the time
# reported is the whole wait, retries included.
login() {
  local start end out code tries=0
  start=$(date +%s.%N)
  while :; do
    out=$(curl -s -o /dev/null -w '%{http_code}' -b "csrf=$CSRF" \
      --data-urlencode "csrf=$TOKEN" --data-urlencode "email=$EMAIL" \
      --data-urlencode "mot_de_passe=$PASSWORD" "$BASE/connexion")
    code=$out
    tries=$((tries + 1))
    [ "$code" = 503 ] && [ "$tries" -lt 100 ] || break
    sleep 0.2
  done
  end=$(date +%s.%N)
  echo "$code $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}') $tries"
}
export -f login
export BASE CSRF TOKEN EMAIL PASSWORD

# A logged-in session for the page under load meanwhile.
SESSION=$(curl -s -o /dev/null -D - -b "csrf=$CSRF" --data-urlencode "csrf=$TOKEN" \
  --data-urlencode "email=$EMAIL" --data-urlencode "mot_de_passe=$PASSWORD" "$BASE/connexion" |
  tr -d '\r' | sed -n 's/^Set-Cookie: session=\([^;]*\).*/\1/p')
[ -n "$SESSION" ] || { echo "login_burst: the demo parent could not log in" >&2; exit 1; }

wrk -t1 -c8 -d120s --latency -H "Cookie: session=$SESSION; csrf=$CSRF" "$BASE/famille" \
  > "$WORK/page.out" 2>&1 &
WRK=$!
sleep 1
start=$(date +%s.%N)
seq "$COUNT" | xargs -P "$CONC" -I{} bash -c login > "$WORK/logins.txt"
end=$(date +%s.%N)
kill -INT "$WRK" 2>/dev/null || true
wait "$WRK" 2>/dev/null || true

ok=$(awk '$1 == 303' "$WORK/logins.txt" | wc -l)
busy=$(awk '{n += $3 - 1} END {print n + 0}' "$WORK/logins.txt")
other=$(awk '$1 != 303 {print $1}' "$WORK/logins.txt" | sort | uniq -c | tr '\n' ' ')
secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
rate=$(awk -v n="$ok" -v s="$secs" 'BEGIN {printf "%.1f", (s > 0 ? n / s : 0)}')
pct() { sort -n | awk -v p="$1" '{v[NR] = $1} END {i = int(NR * p / 100); if (i < 1) i = 1; printf "%.0f", v[i] * 1000}'; }
p50=$(awk '{print $2}' "$WORK/logins.txt" | pct 50)
p99=$(awk '{print $2}' "$WORK/logins.txt" | pct 99)
page_p99=$(awk '/Latency Distribution/ {d = 1} d && $1 == "99%" {print $2; exit}' "$WORK/page.out")
page_rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/page.out")
page_bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/page.out")

echo "- login burst: $COUNT logins of the demo parent, $CONC at a time: $ok succeeded${other:+ (others: $other)} in ${secs} s = **$rate logins/s**, login latency p50 $p50 ms, p99 $p99 ms (retries included; $busy answers were the designed 503 \"réessayez dans quelques secondes\")"
echo "- meanwhile \`/famille\` (logged in, wrk -t1 -c8): ${page_rps:-?} req/s, p99 **${page_p99:-?}**${page_bad:+, $page_bad non-2xx}"
