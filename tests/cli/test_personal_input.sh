#!/usr/bin/env bash
# Personal data off the command line and out of free text (issue 18): ID numbers and phones from
# standard input or asked on the terminal without echo; ID numbers checked when given (seed 001
# §七: a typo refused at the desk, not found when the depositor comes back); no ID numbers in free
# text (seed 004 §4-5 data minimisation). Every command names its actor (--as).
source "$(dirname "$0")/lib.sh"
setup_staff
ID=110101199003074514 ID2=11010519491231002X PROXY_ID=510104200001017777 PHONE=13800001111

din() { # din TAG [flags...]: a deposit at the internal desk by a1, the ID number on stdin
  local tag=$1
  shift
  run --as a1 deposit in --tag "$tag" --depositor 王小明 --phone "$PHONE" --id-number - --items 行李箱 \
    --pieces 1 --checked "$@"
}

# ---- `--id-number -`: one line of standard input (seed 001 §七: last 4 + salted hash only)
din A001 <<<"$ID"
expect_eq "$RC" 0 "deposit in --id-number - succeeds"
expect_eq "$(sql "SELECT id_last4 FROM deposits WHERE tag = 'A001' AND id_hash LIKE 'pbkdf2-sha256\$%'")" "4514" \
  "the last four of the number read from standard input are stored"
expect_eq "$(sql "SELECT count(*) FROM deposits WHERE id_hash LIKE '%$ID%' OR items LIKE '%$ID%'")" "0" \
  "the number itself is not stored"
printf '%s\r\n' "$ID2" | run --as a1 deposit in --tag A002 --depositor 李雷 --phone "$PHONE" --id-number - \
  --items 书包 --pieces 1 --checked
expect_eq "$RC" 0 "a CRLF line is read too"
expect_eq "$(sql "SELECT id_last4 FROM deposits WHERE tag = 'A002'")" "002X" "CRLF: the right last four"

# the phone from standard input, the ID number as an argument
run --as a1 deposit in --tag A003 --depositor 李雷 --phone - --id-number "$ID2" --items 书包 --pieces 1 --checked \
  <<<"13900002222"
expect_eq "$RC" 0 "deposit in --phone -"
expect_eq "$(sql "SELECT phone FROM deposits WHERE tag = 'A003'")" "13900002222" "the phone read from standard input"
expect_exit 0 "intake --phone -" -- --as a1 intake --channel phone --category consultation --customer 王 \
  --subject 咨询 --phone - <<<"13900003333"
expect_eq "$(sql "SELECT phone FROM tickets WHERE id = $OUT")" "13900003333" "intake stores the phone read"
expect_exit 0 "staff add --phone -" -- --as boss staff add a9 --name 赵九 --desk internal --role agent \
  --phone - <<<"13900004444"
expect_eq "$(sql "SELECT phone FROM staff WHERE id = 'a9'")" "13900004444" "staff add stores the phone read"
expect_exit 0 "an empty --phone \"\" is still no phone" -- --as a1 intake --channel phone \
  --category consultation --customer 王 --subject 咨询 --phone ""
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE id = $OUT AND phone IS NULL")" "1" "--phone \"\" reads nothing"

# ---- only one option may read standard input; none is read when the command line is wrong
expect_unchanged 2 "two options read standard input" -- --as a1 deposit in --tag A004 --depositor 李雷 \
  --phone - --id-number - --items 书包 --pieces 1 --checked <<<"$ID"
expect_contains "$ERR" "--phone and --id-number both read standard input" "the message names both options"
expect_unchanged 2 "proxy: both numbers from standard input" -- --as a1 deposit proxy A001 --proxy 王大明 \
  --proxy-id-number - --id-number - --approved-by boss <<<"$ID"
expect_unchanged 2 "standard input is empty" -- --as a1 deposit in --tag A004 --depositor 李雷 --phone "$PHONE" \
  --id-number - --items 书包 --pieces 1 --checked </dev/null
expect_contains "$ERR" "standard input is empty" "the message says what is missing"

# ---- no value: asked on the terminal; without one (cron, scripts) exit 2
before=$(db_state)
OUT=$(setsid -w "$SVCDESK_BIN" --as a1 deposit in --tag A004 --depositor 李雷 --phone "$PHONE" --id-number \
  --items 书包 --pieces 1 --checked </dev/null 2>&1)
expect_eq "$?" "2" "no value and no terminal: exit 2"
expect_contains "$OUT" "--id-number was given without a value and there is no terminal to ask on" \
  "the message says how to give it"
expect_eq "$(db_state)" "$before" "nothing written without a terminal"
# on a terminal (a pseudo-terminal here): the prompt, no echo, the value used
transcript=$(python3 - "$SVCDESK_BIN" "$ID" <<'PY'
import os, pty, select, signal, sys, time
binary, number = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execv(binary, [binary, "--as", "a1", "deposit", "in", "--tag", "A005", "--depositor", "李雷",
                      "--phone", "13800001111", "--id-number", "--items", "书包", "--pieces", "1", "--checked"])
out, sent, deadline = b"", False, time.time() + 20
while time.time() < deadline:
    if not sent and b"not shown): " in out:
        os.write(fd, number.encode() + b"\n")
        sent = True
    ready, _, _ = select.select([fd], [], [], 0.2)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
else:
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
print(out.decode(errors="replace"))
PY
)
expect_eq "$(head -n 1 <<<"$transcript")" "0" "asked on the terminal: the deposit is registered"
expect_contains "$transcript" "Depositor's ID number (--id-number, not shown): " "the prompt names the option"
expect_not_contains "$transcript" "$ID" "the number typed is not echoed"
expect_eq "$(sql "SELECT id_last4 FROM deposits WHERE tag = 'A005'")" "4514" "the number typed is used"

# ---- ID numbers are checked by their type (seed 001 §七)
bad_check=110101199003074515 bad_date=110101199013074511
expect_unchanged 2 "bad check digit" -- --as a1 deposit in --tag A006 --depositor 李雷 --phone "$PHONE" \
  --id-number - --items 书包 --pieces 1 --checked <<<"$bad_check"
expect_contains "$ERR" "invalid --id-number (resident ID): bad check digit" "names the option and the reason"
expect_not_contains "$ERR" "$bad_check" "the number is not echoed"
expect_not_contains "$ERR" "${bad_check:0:6}" "no part of the number is echoed"
expect_unchanged 2 "bad birth date" -- --as a1 deposit in --tag A006 --depositor 李雷 --phone "$PHONE" \
  --id-number "$bad_date" --items 书包 --pieces 1 --checked
expect_contains "$ERR" "bad birth date" "a bad birth date is named"
expect_not_contains "$ERR" "$bad_date" "the argv number is not echoed either"
expect_unchanged 2 "17 characters" -- --as a1 deposit in --tag A006 --depositor 李雷 --phone "$PHONE" \
  --id-number - --items 书包 --pieces 1 --checked <<<"${ID:0:17}"
expect_contains "$ERR" "has 18 characters (or 15 in the old form), not 17" "a wrong length is named"
expect_exit 0 "the old 15-digit form" -- --as a1 deposit in --tag A006 --depositor 李雷 --phone "$PHONE" \
  --id-number - --items 书包 --pieces 1 --checked <<<"110105491231002"
expect_exit 0 "a passport by its pattern" -- --as a1 deposit in --tag A007 --depositor Jane --phone "$PHONE" \
  --id-type passport --id-number - --items bag --pieces 1 --checked <<<"E12345678"
expect_unchanged 2 "a passport that does not match" -- --as a1 deposit in --tag A008 --depositor Jane \
  --phone "$PHONE" --id-type passport --id-number - --items bag --pieces 1 --checked <<<"E12345678901234567890"
expect_contains "$ERR" "does not match the passport pattern" "names the pattern"
expect_unchanged 2 "an unknown --id-type" -- --as a1 deposit in --tag A008 --depositor Jane --phone "$PHONE" \
  --id-type visa --id-number "$ID" --items bag --pieces 1 --checked
cat >"$TEST_DIR/passport.toml" <<'TOML'
[privacy.id_patterns]
passport = "^P[0-9]{7}$"
TOML
expect_exit 0 "patterns come from config" -- --config "$TEST_DIR/passport.toml" --as a1 deposit in --tag A008 \
  --depositor Jane --phone "$PHONE" --id-type passport --id-number P1234567 --items bag --pieces 1 --checked

# claim and proxy read and check their numbers the same way
expect_exit 0 "lost tag" -- --as a1 deposit lost A001
expect_unchanged 2 "a claim with a typo is invalid, not a recorded attempt" -- --as a1 deposit claim A001 \
  --id-number - --items 行李箱 <<<"$bad_check"
expect_exit 0 "claim with the ID number on stdin" -- --as a1 deposit claim A001 --id-number - --items 行李箱 \
  <<<"$ID"
expect_exit 0 "proxy: the proxy's number on stdin" -- --as boss deposit proxy A002 --proxy 王大明 \
  --proxy-id-number - --id-number "$ID2" --approved-by boss <<<"$PROXY_ID"
expect_eq "$(sql "SELECT proxy_id_last4 FROM deposits WHERE tag = 'A002'")" "7777" "the proxy's last four"

# ---- a value read from standard input is redacted from errors like one given in argv
expect_unchanged 2 "a bad phone from standard input" -- --as a1 intake --channel phone --category consultation \
  --customer 王 --subject 咨询 --phone - <<<"13912345678x"
expect_not_contains "$ERR" "13912345678" "the phone read is not echoed"

# ---- ID numbers in free text (seed 004 §4-5): refused naming the field, or masked
expect_unchanged 2 "an ID number in a subject" -- --as a1 intake --channel phone --category consultation \
  --customer 王 --subject "补办 $ID 的就诊卡"
expect_contains "$ERR" "subject contains what looks like an ID number" "the refusal names the field"
expect_not_contains "$ERR" "$ID" "the refusal does not echo it"
expect_unchanged 2 "an ID number in a description" -- --as a1 intake --channel phone --category consultation \
  --customer 王 --subject 咨询 --description "证件号 ${ID:0:6} ${ID:6:8} ${ID:14}"
expect_contains "$ERR" "description contains" "grouped digits are found too"
expect_unchanged 2 "an ID number in deposit items" -- --as a1 deposit in --tag A009 --depositor 李雷 \
  --phone "$PHONE" --id-number "$ID2" --items "身份证复印件 $ID" --pieces 1 --checked
expect_contains "$ERR" "items contains" "items named"
expect_exit 0 "phones and ordinary numbers pass" -- --as a1 intake --channel phone --category consultation \
  --customer 王 --subject "回电 13800001111, 订单 20261123001, 3 件" --description "IMEI 352099001761481"
t=$OUT
expect_unchanged 2 "an ID number in a note" -- --as a1 note "$t" "客户证件 $ID2"
expect_contains "$ERR" "note contains" "note named"
expect_unchanged 2 "an ID number in a resolution" -- --as a1 resolve "$t" --resolution "核对 $ID"
expect_contains "$ERR" "resolution contains" "resolution named"
expect_unchanged 2 "an ID number in a reason" -- --as a1 cancel "$t" --reason "$ID"
expect_contains "$ERR" "reason contains" "reason named"
cat >"$TEST_DIR/mask.toml" <<'TOML'
[privacy]
id_in_text = "mask"
TOML
expect_exit 0 "mask mode" -- --config "$TEST_DIR/mask.toml" --as a1 note "$t" "客户证件 $ID2"
expect_eq "$(sql "SELECT reason FROM ticket_events WHERE ticket_id = $t AND action = 'note'")" \
  "客户证件 **************002X" "masked: only the last four are kept"

# an import row with an ID number is an invalid row, with its line
cat >"$TEST_DIR/import.toml" <<'TOML'
[import.profiles.calls]
columns = { external_ref = "ref", created_at = "at", subject = "subject", customer = "name" }
defaults = { category = "consultation" }
TOML
printf 'ref,at,subject,name\nI1,2026-11-20T09:00,ok,A\nI2,2026-11-20T09:05,"证件 %s",B\n' "$ID" >ids.csv
before=$(db_state)
run --config "$TEST_DIR/import.toml" --as a1 import ids.csv --profile calls
expect_eq "$RC" "2" "import: an ID number in a subject is an invalid row"
expect_eq "$(db_state)" "$before" "import: nothing written"
expect_contains "$ERR" "ids.csv:3: subject: subject contains what looks like an ID number" "FILE:LINE row error"
expect_not_contains "$ERR" "$ID" "the import does not echo it"
finish
