#!/usr/bin/env bash
# Left-luggage deposits: every rule of SPEC §3 / issue 4, each refusal with its exit code and an
# unchanged database.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1
ID1=11010519491231002X ID2=320102198001011238 PROXY_ID=510104200001017777

din() { # din TAG ITEMS [more flags]: a deposit at the internal desk by a1, the ID number on stdin
  local tag=$1 items=$2
  shift 2
  run deposit in --tag "$tag" --depositor 王小明 --phone 13800001111 --id-number - --items "$items" \
    --pieces 2 --checked "$@" <<<"$ID1"
}

# --- registration
din A001 "行李箱一个"
expect_eq "$RC" 0 "deposit in succeeds"
expect_eq "$OUT" 1 "deposit in prints the id alone"
expect_unchanged 4 "tag in use" -- deposit in --tag A001 --depositor 李雷 --phone 13800002222 --id-number "$ID2" \
  --items 书包 --pieces 1 --checked
expect_contains "$ERR" "in use by deposit 1" "the refusal names the holding deposit"
expect_unchanged 4 "tag outside the desk's pool" -- deposit in --tag B001 --depositor 李雷 --phone 13800002222 \
  --id-number "$ID2" --items 书包 --pieces 1 --checked
expect_contains "$ERR" "A001-A100" "the refusal names the pool"
expect_unchanged 4 "tag outside every pool" -- deposit in --tag A101 --depositor 李雷 --phone 13800002222 \
  --id-number "$ID2" --items 书包 --pieces 1 --checked
expect_unchanged 4 "emergency desk tag from the internal desk" -- deposit in --tag C001 --desk internal \
  --depositor 李雷 --phone 13800002222 --id-number "$ID2" --items 书包 --pieces 1 --checked
expect_unchanged 2 "missing --checked is a usage error" -- deposit in --tag A002 --depositor 李雷 \
  --phone 13800002222 --id-number "$ID2" --items 书包 --pieces 1
expect_contains "$ERR" "--checked" "the message says what to confirm"
expect_unchanged 2 "pieces must be at least 1" -- deposit in --tag A002 --depositor 李雷 --phone 13800002222 \
  --id-number "$ID2" --items 书包 --pieces 0 --checked
expect_unchanged 2 "a malformed ID number" -- deposit in --tag A002 --depositor 李雷 --phone 13800002222 \
  --id-number 12 --items 书包 --pieces 1 --checked
expect_unchanged 2 "the phone is required" -- deposit in --tag A002 --depositor 李雷 --id-number "$ID2" \
  --items 书包 --pieces 1 --checked
expect_unchanged 5 "only staff register deposits" -- --as nobody deposit in --tag A002 --depositor 李雷 \
  --phone 13800002222 --id-number "$ID2" --items 书包 --pieces 1 --checked

# --- prohibited goods, one per category, Chinese and English
for pair in "现金两万元:valuables" "gold necklace:valuables" "汽油一桶:flammable" "Lighter:flammable" \
            "烟花:explosive" "fireworks:explosive" "硫酸:corrosive" "acid:corrosive" "农药:toxic" \
            "pesticide:toxic" "放射性物质:radioactive" "猎枪:firearms" "gun:firearms" "子弹:firearms" \
            "宠物猫:animals" "a pet dog:animals" "水果:food" "food:food" \
            "刀:knives" "水果刀:knives" "knife:knives" "鞭炮:explosive" "火药:explosive" "gunpowder:explosive" \
            "充电宝:lithium" "锂电池:lithium" "power bank:lithium" "金饰:valuables" "首饰:valuables" \
            "手机:valuables" "笔记本电脑:valuables" "cash:valuables" "jewellery:valuables" "laptop:valuables"; do
  # issue 19 (seed 001 §七.4): knives, fireworks and powder, lithium batteries and power banks, cash
  # and valuables, each class in Chinese and English; 水果刀 is a knife, not food.
  items=${pair%%:*} category=${pair##*:}
  expect_unchanged 4 "prohibited: $items" -- deposit in --tag A002 --depositor 李雷 --phone 13800002222 \
    --id-number "$ID2" --items "$items" --pieces 1 --checked
  expect_contains "$ERR" "$category" "the refusal names the category of '$items'"
done
expect_unchanged 4 "firearms" -- deposit in --tag A002 --depositor 李雷 --phone 13800002222 \
  --id-number "$ID2" --items "手枪" --pieces 1 --checked
expect_contains "$ERR" "police" "firearms: contact the police"
run deposit in --tag A002 --depositor 李雷 --phone 13800002222 --id-number "$ID2" --items "金属保温杯" \
  --pieces 1 --checked --sealed
expect_eq "$RC" 0 "an allowed phrase (金属) is not a valuable"

# --- list and show
run deposit list --format json
expect_eq "$(json 'len(j)')" 2 "list shows what is in storage"
expect_eq "$(json 'j[0]["depositor"]')" "王**" "the depositor is masked"
expect_eq "$(json 'j[0]["phone"]')" "138****1111" "the phone is masked"
expect_eq "$(json 'j[0]["id_last4"]')" "002X" "only the last 4 of the ID number"
expect_eq "$(json 'j[1]["sealed"]')" True "sealed is recorded"
expect_eq "$(json 'set(j[0]) >= {"id","tag","desk","status","pieces","items","depositor","phone","id_last4","sealed","deposited_at","due_at","released_at","lost"}')" True "JSON keys"
expect_eq "$(json 'j[0]["due_at"]')" "2026-11-26T09:00:00+08:00" "retention is 3 days"
run deposit list
expect_contains "$OUT" "王**" "the table masks the depositor"
expect_contains "$OUT" "2026-11-26 09:00" "the table shows the due time"
expect_unchanged 5 "revealing needs a supervisor" -- deposit list --reveal
run --as boss deposit list --reveal --format json
expect_eq "$(json 'j[0]["depositor"]')" "王小明" "a supervisor may reveal"
expect_unchanged 3 "show of an unknown deposit" -- deposit show D99

# --- out: pieces confirmed, contents never edited
expect_unchanged 4 "pieces mismatch on out" -- deposit out A001 --pieces 3
expect_unchanged 3 "out of a tag holding nothing" -- deposit out A050 --pieces 1
run deposit out A001 --pieces 2
expect_eq "$RC" 0 "out with the right pieces"
expect_unchanged 3 "out twice" -- deposit out A001 --pieces 2
OUT=$(sql "UPDATE deposits SET items = 'x' WHERE id = 2" 2>&1)
expect_contains "$OUT" "never edited" "the database refuses to edit contents"
din A001 "行李箱一个,取出一件外套后重新寄存"
expect_eq "$OUT" 3 "a changed deposit is a pickup and a new deposit under the same tag"

# --- lost tag and claim
expect_unchanged 4 "claim without a reported loss" -- deposit claim A001 --id-number "$ID1" --items 行李箱
run deposit lost A001
expect_eq "$RC" 0 "lost"
expect_unchanged 4 "lost twice" -- deposit lost A001
expect_unchanged 4 "out after a lost tag" -- deposit out A001 --pieces 2
expect_unchanged 4 "proxy after a lost tag" -- --as boss deposit proxy A001 --proxy 王大明 --proxy-id-number "$PROXY_ID" \
  --id-number "$ID1" --approved-by boss
before=$(sql "SELECT count(*) FROM deposit_events")
expect_exit 4 "claim with a wrong ID number" -- deposit claim A001 --id-number "$ID2" --items 行李箱
expect_eq "$(sql "SELECT count(*) FROM deposit_events")" $((before + 1)) "the refused attempt is recorded"
expect_eq "$(sql "SELECT action || ':' || status FROM deposit_events e JOIN deposits d ON d.id = e.deposit_id ORDER BY e.id DESC LIMIT 1")" \
  "claim_refused:stored" "the attempt releases nothing"
run deposit claim A001 --id-number - --items "行李箱,一件外套" <<<"11010519491231002x"
expect_eq "$RC" 0 "claim with the depositor's ID number"
run deposit show 3 --format json
expect_eq "$(json 'j["status"] + "," + j["release_kind"] + "," + str(j["lost"])')" "released,claim,True" "claimed"
expect_eq "$(json '",".join(e["action"] for e in j["history"])')" "in,lost,claim_refused,claim" "history"
expect_eq "$(json 'all(e["actor"] == "a1" and e["at"] for e in j["history"])')" True "every event has actor and time"
expect_unchanged 3 "a lost report after release changes nothing" -- deposit lost A001

# --- proxy: approved by the supervisor who runs it (SPEC §5; issue 18)
din A003 "书包"
expect_unchanged 5 "proxy approved by a non-supervisor" -- --as a2 deposit proxy A003 --proxy 王大明 \
  --proxy-id-number "$PROXY_ID" --id-number "$ID1" --approved-by a2
expect_unchanged 5 "proxy run by an agent naming the supervisor" -- deposit proxy A003 --proxy 王大明 \
  --proxy-id-number "$PROXY_ID" --id-number "$ID1" --approved-by boss
expect_unchanged 5 "proxy approved by nobody known" -- --as boss deposit proxy A003 --proxy 王大明 \
  --proxy-id-number "$PROXY_ID" --id-number "$ID1" --approved-by ghost
expect_contains "$ERR" "--approved-by ghost is not the acting staff member boss" "names both"
expect_exit 4 "proxy with a wrong depositor ID" -- --as boss deposit proxy A003 --proxy 王大明 \
  --proxy-id-number "$PROXY_ID" --id-number "$ID2" --approved-by boss
run --as boss deposit proxy A003 --proxy 王大明 --proxy-id-number - --id-number "$ID1" --approved-by boss <<<"$PROXY_ID"
expect_eq "$RC" 0 "proxy pickup"
run deposit show D4 --format json
expect_eq "$(json 'j["release_kind"] + "," + j["approved_by"] + "," + j["proxy_id_last4"] + "," + j["proxy"]')" \
  "proxy,boss,7777,王**" "the proxy is recorded, masked"

# --- retention, overdue and disposal
din A004 "纸箱一个"
expect_unchanged 4 "dispose before the retention ends" -- --as boss deposit dispose A004 --method 销毁
export SVCDESK_NOW="2026-11-26T09:00:01+08:00"
run deposit list --status overdue --format json
expect_eq "$(json '",".join(d["tag"] for d in j)')" "A002,A004" "overdue after 3 days"
expect_unchanged 5 "dispose by an agent" -- deposit dispose A004 --method 销毁
expect_unchanged 2 "dispose needs --method" -- --as boss deposit dispose A004
run --as boss deposit dispose A004 --method "交医院保卫科,登记簿第12页"
expect_eq "$RC" 0 "a supervisor disposes"
run deposit list --status disposed --format json
expect_eq "$(json 'j[0]["disposal_method"] + "," + j[0]["status"]')" "交医院保卫科,登记簿第12页,disposed" "the record stays"
run deposit list --status stored,overdue --desk internal --format json
expect_eq "$(json '",".join(d["tag"] for d in j)')" "A002" "list by status and desk"

# --- handover
expect_unchanged 3 "handover to an unknown staff member" -- deposit handover --desk internal --to ghost
expect_unchanged 4 "handover to oneself" -- deposit handover --desk internal --to a1
expect_unchanged 2 "handover of an unknown desk" -- deposit handover --desk lobby --to a2
run deposit handover --desk internal --to a2 --format json
expect_eq "$(json 'j["id"] + "," + str(j["count"]) + "," + str(j["pieces"])')" "H1,1,1" "first handover"
expect_eq "$(json '",".join(c["tag"] for c in j["contents"])')" "A002" "it lists what is in storage"
# A002 is overdue by now: released against the depositor's ID number (issue 19, seed 001 §七.5)
run --as a2 deposit out A002 --pieces 1 --id-number "$ID2"
din A005 "雨伞"
run --as a2 deposit handover --desk internal --to a1 --format json
expect_eq "$(json 'j["previous"] + "," + ",".join(c["tag"] for c in j["contents"]) + "," + str(j["reconciled"])')" \
  "H1,A005,True" "second handover"
expect_eq "$(json '",".join(c["action"] + ":" + c["tag"] for c in j["ins"] + j["outs"])')" "in:A005,out:A002" \
  "it states the ins and outs since the previous one"
run deposit show H1
expect_contains "$OUT" "A002" "show of a handover lists its contents"
run deposit show A005
expect_contains "$OUT" "雨伞" "show by tag"

# ================================================================ issue 19: deposits by the book
export SVCDESK_NOW="2026-11-27T09:00:00+08:00"
sd --as boss staff add es1 --name 赵六 --desk internal --role escort >/dev/null
sd --as boss staff add st1 --name 孙七 --desk internal --role stretcher >/dev/null
sd --as boss staff pin boss --pin-stdin <<<'4321' >/dev/null

# --- seed 001 §七: only the deposit roles (front_desk, agent, supervisor) take in or release
din A010 "书包"
for who in es1 st1; do
  expect_unchanged 5 "seed 001 §七: $who may not take items in" -- --as "$who" deposit in --tag A011 --depositor 李雷 \
    --phone 13800002222 --id-number "$ID2" --items 书包 --pieces 1 --checked
  expect_contains "$ERR" "may not handle deposits" "the refusal names the permission ($who)"
  expect_unchanged 5 "seed 001 §七: $who may not release items" -- --as "$who" deposit out A010 --pieces 2
  expect_unchanged 5 "seed 001 §七: $who may not open a handover" -- --as "$who" deposit handover --desk internal --to a1
done
expect_unchanged 4 "seed 001 §五.8: a handover goes to someone who handles deposits" -- deposit handover --desk internal --to es1

# --- seed 001 §七: deposit out needs the pieces counted
expect_unchanged 2 "seed 001 §七: deposit out without --pieces" -- deposit out A010
expect_contains "$ERR" "--pieces" "the message names --pieces"
expect_unchanged 4 "seed 001 §七: deposit out with other pieces" -- deposit out A010 --pieces 1
run --as a2 deposit out A010 --pieces 2
expect_eq "$RC" 0 "a front-desk agent releases with the pieces counted"

# --- seed 001 §七.6: a lost-tag claim compares the item details with the record
din A012 "书包"
run deposit lost A012
before=$(sql "SELECT count(*) FROM deposit_events")
audits=$(sql "SELECT count(*) FROM audit_events WHERE action = 'deposit.claim_refused'")
expect_exit 4 "seed 001 §七.6: a claim naming other items" -- deposit claim A012 --id-number "$ID1" --items 红色箱子
expect_contains "$ERR" "do not match what was registered" "the refusal says the items do not match"
expect_eq "$(sql "SELECT count(*) FROM deposit_events")" $((before + 1)) "the refused claim is in the history"
expect_eq "$(sql "SELECT action || ':' || status FROM deposit_events e JOIN deposits d ON d.id = e.deposit_id ORDER BY e.id DESC LIMIT 1")" \
  "claim_refused:stored" "the mismatch releases nothing"
expect_eq "$(sql "SELECT count(*) FROM audit_events WHERE action = 'deposit.claim_refused'")" $((audits + 1)) \
  "the refused claim is in the audit trail"
expect_exit 4 "seed 001 §七.6: a claim naming an item more than was deposited" -- deposit claim A012 --id-number "$ID1" \
  --items "ＳＣＨＯＯＬ 书包。"
expect_eq "$(sql "SELECT status FROM deposits WHERE tag = 'A012'")" stored "extra items named are no match either"
run deposit claim A012 --id-number "$ID1" --items " 书包。"
expect_eq "$RC" 0 "the same items, blanks and punctuation aside, release the deposit"

# --- seed 001 §七.7: a proxy pickup approved by the acting supervisor or with their PIN
din A013 "雨伞"
PROXY=(--proxy 王大明 --proxy-id-number "$PROXY_ID" --id-number "$ID1")
expect_unchanged 5 "seed 001 §七.7: an approver typed without a PIN" -- --as a2 deposit proxy A013 "${PROXY[@]}" --approver boss
expect_contains "$ERR" "without their PIN is no approval" "a typed id is no approval"
expect_unchanged 5 "seed 001 §七.7: --approved-by typed by an agent" -- --as a2 deposit proxy A013 "${PROXY[@]}" --approved-by boss
expect_exit 5 "seed 001 §七.7: the approver's wrong PIN" -- --as a2 deposit proxy A013 "${PROXY[@]}" --approver boss \
  --approver-pin-stdin <<<'1111'
expect_eq "$(sql "SELECT pin_failures FROM staff WHERE id = 'boss'")" 1 "the wrong PIN is counted as for login"
expect_eq "$(sql "SELECT status FROM deposits WHERE tag = 'A013' ORDER BY id DESC LIMIT 1")" stored "nothing released"
expect_unchanged 2 "the PIN and an ID number cannot both come from standard input" -- --as a2 deposit proxy A013 \
  --proxy 王大明 --proxy-id-number - --id-number "$ID1" --approver boss --approver-pin-stdin <<<"$PROXY_ID"
run --as a2 deposit proxy A013 "${PROXY[@]}" --approver boss --approver-pin-stdin <<<'4321'
expect_eq "$RC" 0 "a front-desk agent releases to a proxy with the supervisor's PIN"
expect_eq "$(sql "SELECT pin_failures FROM staff WHERE id = 'boss'")" 0 "the right PIN clears the count"
run deposit show A013 --format json
expect_eq "$(json 'j["approved_by"] + "," + j["release_kind"]')" "boss,proxy" "the approver is recorded"
expect_eq "$(json '[e["actor"] for e in j["history"]][-1]')" "a2" "the agent who handed the items over is recorded"

# --- seed 001 §七.5, §五.8: an overdue deposit is released only against the depositor's ID
din A014 "纸箱"
export SVCDESK_NOW="2026-11-30T09:00:01+08:00"
expect_unchanged 4 "seed 001 §七.5: an overdue deposit on the tag alone" -- deposit out A014 --pieces 2
expect_contains "$ERR" "overdue" "the refusal says why"
expect_exit 4 "seed 001 §七.5: an overdue deposit against another ID number" -- deposit out A014 --pieces 2 --id-number "$ID2"
expect_eq "$(sql "SELECT action FROM deposit_events ORDER BY id DESC LIMIT 1")" out_refused "the attempt is recorded"
run deposit out A014 --pieces 2 --id-number - <<<"$ID1"
expect_eq "$RC" 0 "the depositor's verified ID releases an overdue deposit"

# --- seed 001 §五.8: the incoming staff member confirms the handover with the count
export SVCDESK_NOW="2026-12-01T07:30:00+08:00"
din A020 "行李箱" # 2 pieces; A005 (2 pieces) is still in storage
din A021 "书包"   # 2 pieces
run deposit handover --desk internal --to a2 --format json
expect_eq "$RC" 0 "the outgoing staff member opens a handover"
H=$(json 'j["id"]')
expect_eq "$(json 'j["state"] + "," + j["confirm_due"]')" "open,2026-12-01T15:30:00+08:00" \
  "open, to confirm within the configured time (no roster)"
expect_unchanged 5 "seed 001 §五.8: the outgoing may not confirm their own handover" -- deposit handover confirm "$H" --pieces 6
expect_unchanged 5 "seed 001 §五.8: nor anyone but the incoming" -- --as boss deposit handover confirm "$H" --pieces 6
expect_unchanged 2 "seed 001 §五.8: a confirmation needs the count" -- --as a2 deposit handover confirm "$H"
run --as a2 deposit handover confirm "$H" --pieces 5 --tags a005,A020,A099 --format json
expect_eq "$RC" 0 "the incoming staff member confirms"
expect_eq "$(json 'j["state"] + "|" + j["difference"]')" \
  "confirmed|counted 5 piece(s), 6 handed over; tags missing: A021; tags not on the list: A099" "the difference is recorded"
expect_eq "$(sql "SELECT count(*) FROM audit_events WHERE action = 'deposit.handover_difference'")" 1 "and audited"
expect_unchanged 4 "a handover is confirmed once" -- --as a2 deposit handover confirm "$H" --pieces 6
run --as a2 deposit handover --desk internal --to a1 --format json
H2=$(json 'j["id"]')
export SVCDESK_NOW="2026-12-01T16:00:00+08:00"
run deposit show "$H2" --format json
expect_eq "$(json 'j["state"]')" "unconfirmed" "a handover past its due time unconfirmed"
export SVCDESK_NOW="2026-12-02T09:00:00+08:00"
run report daily --date 2026-12-01 --format json
expect_eq "$(json '",".join(str(j["deposits"][k]) for k in ("handovers", "handover_differences", "handovers_unconfirmed"))')" \
  "2,1,1" "seed 001 §五.8: the daily report counts handovers, differences and those not confirmed in time"
expect_eq "$(json 'j["desks"]["internal"]["deposits"]["handovers_unconfirmed"]')" 1 "per desk too"
finish
