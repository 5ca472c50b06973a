#!/usr/bin/env bash
# The API walkthrough of docs/api-walkthrough.md, step by step, against a running Zhengtong in
# demo mode:
#
#   scripts/walkthrough.sh http://127.0.0.1:8080
#
# Part 1 takes 张三 (citizen) through an online application for 国有建设用地使用权及房屋所有权转移登记
# (二手房过户) in 郑州: apply (with an Idempotency-Key, retried), upload a material, 补正, 受理 with
# the tax bureau consulted, the registration fee ordered at 受理, 并联审批 (review by the real-estate
# bureau and the tax bureau's opinion at the same time), 准予 refused until 张三 pays the fee through
# the simulated gateway (its signed callback arrives), 准予, the receipt, the public progress
# query, his notifications and his rating. Part 2 takes 李四, acting for the demo
# enterprise, through the 企业开办一件事 bundle: one form, four items, two stages.
#
# Every call states the HTTP status it expects; any other answer prints the body and exits 1.
# Needs bash, curl and jq. Each run files new applications (it does not clean up).
set -euo pipefail

BASE=${1:?usage: scripts/walkthrough.sh BASE_URL}
API="${BASE%/}/api/v1"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

CITIZEN_PASSWORD='Demo-Citizen-2026'
STAFF_PASSWORD='Demo-Staff-2026!'
REGION=410100

step() { printf '\n== %s\n' "$*"; }

# call WHO EXPECTED METHOD PATH [curl args…]: one request with WHO's cookie jar; the answer's
# body is left in $WORK/body
call() {
  local who=$1 want=$2 method=$3 path=$4
  shift 4
  touch "$WORK/$who.jar"
  local status
  status=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X "$method" \
    -b "$WORK/$who.jar" -c "$WORK/$who.jar" -H 'accept: application/json' "$@" "$API$path")
  if [[ $status != "$want" ]]; then
    printf '✗ %s %s as %s: expected %s, got %s\n' "$method" "$path" "$who" "$want" "$status" >&2
    cat "$WORK/body" >&2
    echo >&2
    exit 1
  fi
  printf '✓ %-6s %-60s %-16s %s\n' "$method" "$path" "$who" "$status"
}

# send WHO EXPECTED METHOD PATH JSON [curl args…]: a call with a JSON body
send() {
  local who=$1 want=$2 method=$3 path=$4 body=$5
  shift 5
  call "$who" "$want" "$method" "$path" -H 'content-type: application/json' --data "$body" "$@"
}

# the answer's field (jq filter)
field() { jq -r "$1" "$WORK/body"; }

# expect FILTER VALUE: the answer's field must equal VALUE
expect() {
  local got
  got=$(field "$1")
  if [[ $got != "$2" ]]; then
    printf '✗ expected %s to be %s, got %s\n' "$1" "$2" "$got" >&2
    exit 1
  fi
}

login() {
  send "$1" 200 POST /identity/login "$(jq -n --arg u "$2" --arg p "$3" '{username: $u, password: $p}')"
}

# my open step on an application named NODE (as WHO): prints its task id
my_task() {
  call "$1" 200 GET "/applications/$2" >/dev/null
  local task
  task=$(jq -r --arg node "$3" '[.currentSteps[] | select(.mine and .nodeId == $node)][0].taskId // empty' "$WORK/body")
  if [[ -z $task ]]; then
    printf '✗ %s has no open step %s on %s\n' "$1" "$3" "$2" >&2
    jq -c '.currentSteps' "$WORK/body" >&2
    exit 1
  fi
  echo "$task"
}

# ---------------------------------------------------------------------------------------------
step '1. 张三 signs in (phone + password) and finds 二手房过户 in 郑州'
login zhangsan 13800000001 "$CITIZEN_PASSWORD"
call anonymous 200 GET "/catalog/items?q=%E4%BA%8C%E6%89%8B%E6%88%BF&region=$REGION"
ITEM=$(field '.items[0].code')
call anonymous 200 GET "/catalog/items/$ITEM"
LIST=$(jq -r --arg r "$REGION" '.lists[] | select(.regionCode == $r) | .id' "$WORK/body")
echo "   item $ITEM, implementation list $LIST ($(jq -r --arg r "$REGION" '.lists[] | select(.regionCode == $r) | .organisationName' "$WORK/body"))"

step '2. 申报 with an Idempotency-Key; a bad form is refused field by field; a retry files nothing new'
KEY="walkthrough-$(date +%s%N)"
send zhangsan 422 POST /applications \
  "$(jq -n --arg l "$LIST" '{listId: $l, formData: {location: "", price: -1}}')" \
  -H "idempotency-key: $KEY-bad"
expect '.code' invalid-form
FORM=$(jq -n '{location: "郑州市金水区经三路 1 号院 2 号楼 301", unitNumber: "410105001001GB00001F00020003",
  price: 180, buyers: "赵六", ownership: "单独所有"}')
send zhangsan 201 POST /applications "$(jq -n --arg l "$LIST" --argjson f "$FORM" '{listId: $l, formData: $f}')" \
  -H "idempotency-key: $KEY"
APP=$(field .id)
NO=$(field .applicationNo)
expect .status submitted
send zhangsan 200 POST /applications "$(jq -n --arg l "$LIST" --argjson f "$FORM" '{listId: $l, formData: $f}')" \
  -H "idempotency-key: $KEY"
expect .id "$APP"
echo "   办件编号 $NO"

step '3. A material is uploaded (streamed; its type is read from its bytes)'
printf '%%PDF-1.4\n%% walkthrough\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' \
  >"$WORK/authorisation.pdf"
call zhangsan 201 POST "/applications/$APP/materials/agentAuthorisation/files" \
  -F "file=@$WORK/authorisation.pdf;type=application/pdf;filename=委托书.pdf"
expect .mediaType application/pdf

step '4. The real-estate window asks for everything missing at once (补正, 一次性告知)'
login nr-window zz-nr-window "$STAFF_PASSWORD"
call nr-window 200 GET /workflow/tasks
send nr-window 200 POST "/applications/$APP/supplement" '{"items": [
  {"field": "unitNumber", "reason": "不动产单元号与不动产权证书不一致，请核对"},
  {"materialKey": "agentAuthorisation", "reason": "委托书缺少委托人签名"}]}'
expect .status supplementRequested
send nr-window 409 POST "/applications/$APP/accept" '{}'
expect .code not-acceptable

step '5. 张三 corrects the form and sends it again'
call zhangsan 200 GET "/applications/$APP"
expect '.supplement | length' 2
FIXED=$(jq -c '.unitNumber = "410105001001GB00001F00020004"' <<<"$FORM")
send zhangsan 200 POST "/applications/$APP/resubmit" "$(jq -n --argjson f "$FIXED" '{formData: $f}')"
expect .status submitted

step '6. 受理: accepted, the tax bureau consulted (并联审批); accepting twice is a conflict'
call anonymous 200 GET "/directory/organisations?region=$REGION&kind=department"
TAX=$(field '.items[] | select(.name == "国家税务总局郑州市税务局") | .id')
send nr-window 200 POST "/applications/$APP/accept" "$(jq -n --arg t "$TAX" '{consultedOrganisationIds: [$t]}')"
expect .status accepted
echo "   promised by $(field .dueDate), statutory limit $(field .statutoryDueDate)"
send nr-window 409 POST "/applications/$APP/accept" '{}'

step '6a. The registration fee (不动产登记费) is ordered at 受理, to be paid before 准予'
call zhangsan 200 GET "/payments/orders?applicationId=$APP"
expect '.items | length' 1
expect '.items[0].stage' beforeIssuing
expect '.items[0].status' unpaid
ORDER=$(field '.items[0].id')
echo "   缴款码 $(field '.items[0].orderNo'): $(field '.items[0].items[] | "\(.name) \(.amountFen / 100) 元 (非税收入项目编码 \(.nonTaxRevenueCode))"')"

step '7. 并联审批: the real-estate bureau reviews while the tax bureau gives its opinion'
login nr-approver zz-nr-approver "$STAFF_PASSWORD"
login tax-approver zz-tax-approver "$STAFF_PASSWORD"
REVIEW=$(my_task nr-approver "$APP" review)
OPINION=$(my_task tax-approver "$APP" opinion)
# the decision is not open before both are in
call nr-approver 200 GET "/applications/$APP"
expect '[.currentSteps[] | select(.nodeId == "decide")] | length' 0
send tax-approver 200 POST "/applications/$APP/steps/$OPINION" '{"opinion": "契税已缴清，无异议"}'
send tax-approver 404 POST "/applications/$APP/steps/$REVIEW" '{"opinion": "越权"}'
send nr-approver 200 POST "/applications/$APP/steps/$REVIEW" '{"opinion": "权属清楚，材料齐全，符合登记条件"}'

step '8. 决定: 准予 waits for the fee (409 fee-unpaid)'
DECIDE=$(my_task nr-approver "$APP" decide)
send nr-approver 409 POST "/applications/$APP/steps/$DECIDE" '{"decision": "approve"}'
expect .code fee-unpaid

step '8a. 张三 pays through the simulated gateway; its signed callback settles the order'
PKEY="walkthrough-pay-$(date +%s%N)"
call zhangsan 201 POST "/payments/orders/$ORDER/pay" -H "idempotency-key: $PKEY"
ATTEMPT=$(field .id)
CASHIER=$(field .cashierUrl)
# a second click with the same key answers with the same trade
call zhangsan 200 POST "/payments/orders/$ORDER/pay" -H "idempotency-key: $PKEY"
expect .id "$ATTEMPT"
TRADE=${CASHIER#/pay/simulated/}
TRADE=${TRADE%%\?*}
TOKEN=${CASHIER##*token=}
echo "   cashier $CASHIER"
call anonymous 200 GET "/payments/simulated-gateway/trades/$TRADE?token=$TOKEN"
expect .status waiting
send anonymous 200 POST "/payments/simulated-gateway/trades/$TRADE/pay" \
  "$(jq -n --arg t "$TOKEN" '{token: $t, outcome: "success"}')"
expect .status success
# the gateway notifies the server in the background (signed, perhaps more than once)
for _ in $(seq 1 100); do
  call zhangsan 200 GET "/payments/orders/$ORDER" >/dev/null
  [[ $(field .status) == paid ]] && break
  sleep 0.1
done
call zhangsan 200 GET "/payments/orders/$ORDER"
expect .status paid
call zhangsan 200 GET "/payments/orders/$ORDER/receipt"
echo "   票据 $(field .receiptNo): $(field '.totalFen / 100') 元 · 缴款人 $(field .payerName) · 收款单位 $(field .payeeOrganisationName)"

step '8b. 决定: 准予 — the application is complete (办结)'
send nr-approver 200 POST "/applications/$APP/steps/$DECIDE" '{"decision": "approve"}'
expect .status approved
send nr-approver 409 POST "/applications/$APP/steps/$DECIDE" '{"decision": "approve"}'

step '9. 张三 sees every step; anyone can ask the progress by number and name'
call zhangsan 200 GET "/applications/$APP"
expect .status approved
field '.timeline[] | "   \(.at[0:19]) \(.title)\(if .by then " · " + .by else "" end)"'
call anonymous 200 GET "/applications/progress?no=$NO&name=%E5%BC%A0%E4%B8%89"
expect .status approved
call anonymous 404 GET "/applications/progress?no=$NO&name=%E6%9D%8E%E5%9B%9B"

step '10. 张三: the inbox told of each change; he rates the service (好差评, 一事一评) once'
# notifications come from the outbox, delivered in the background: wait a little for them
for _ in $(seq 1 50); do
  call zhangsan 200 GET '/notifications?pageSize=50' >/dev/null
  [[ $(jq --arg app "$APP" '[.items[] | select(.kind == "application.completed" and ((.link // "") | contains($app)))] | length' "$WORK/body") -ge 1 ]] && break
  sleep 0.2
done
call zhangsan 200 GET '/notifications?pageSize=50'
# this application's notifications (the link leads to it), oldest first
jq --arg app "$APP" '[.items[] | select((.link // "") | contains($app))] | reverse' "$WORK/body" \
  >"$WORK/mine.json"
for kind in application.submitted application.supplementRequested application.accepted application.completed; do
  if [[ $(jq --arg k "$kind" '[.[] | select(.kind == $k)] | length' "$WORK/mine.json") -eq 0 ]]; then
    printf '✗ no %s notification for %s\n' "$kind" "$APP" >&2
    exit 1
  fi
done
jq -r '.[] | "   \(.title)"' "$WORK/mine.json"
call zhangsan 200 GET "/evaluations/applications/$APP"
send zhangsan 201 POST "/evaluations/applications/$APP" \
  '{"level": 5, "dimensions": {"efficiency": 5, "guideAccuracy": 4, "convenience": 5, "usability": 5}, "comment": "并联办理，一次办好"}'
send zhangsan 409 POST "/evaluations/applications/$APP" '{"level": 1}'

# ---------------------------------------------------------------------------------------------
step '11. 李四 signs in and acts for 河南政通示范科技有限公司'
login lisi 13800000002 "$CITIZEN_PASSWORD"
call lisi 200 GET /identity/me
ENTERPRISE=$(field '.enterprises[0].id')
send lisi 200 POST /identity/acting-for "$(jq -n --arg e "$ENTERPRISE" '{enterpriseId: $e}')"

step '12. 企业开办一件事: one merged form for four items'
call anonymous 200 GET "/catalog/bundles/business-startup/resolve?region=$REGION"
field '.members[] | "   stage \(.stage): \(.itemName) · \(.organisationName)"'
BUNDLE_FORM=$(jq -n '{enterpriseName: "郑州政通走查科技有限公司", registeredAddress: "郑州市郑东新区商务外环路 10 号",
  legalRepresentativeName: "李四", registeredCapital: 100, enterpriseType: "有限责任公司（自然人投资或控股）",
  businessScope: "软件开发；信息技术咨询服务", sealKinds: ["单位公章", "发票专用章"], sealMaker: "郑州市某刻章有限公司",
  invoiceKinds: ["数电发票（普通发票）"], expectedMonthlySales: 20, employees: 5,
  insuranceKinds: ["企业职工基本养老保险", "失业保险", "工伤保险"]}')
BKEY="walkthrough-bundle-$(date +%s%N)"
send lisi 201 POST /bundle-applications \
  "$(jq -n --arg r "$REGION" --argjson f "$BUNDLE_FORM" '{bundleCode: "business-startup", regionCode: $r, formData: $f}')" \
  -H "idempotency-key: $BKEY"
BUNDLE=$(field .id)
expect '.members | length' 4
expect '[.members[] | select(.status == "waiting")] | length' 3
STAGE1=$(field '.members[] | select(.stage == 1) | .applicationId')
echo "   一件事 办件编号 $(field .applicationNo)"

step '13. 综合受理 at the 郑州 service hall; the market-regulation bureau reviews and decides'
login hall-window zz-hall-window "$STAFF_PASSWORD"
login market-approver zz-approver "$STAFF_PASSWORD"
send hall-window 200 POST "/applications/$STAGE1/accept" '{}'
REVIEW=$(my_task market-approver "$STAGE1" review)
send market-approver 200 POST "/applications/$STAGE1/steps/$REVIEW" '{"opinion": "名称、住所、经营范围符合规定"}'
DECIDE=$(my_task market-approver "$STAGE1" decide)
send market-approver 200 POST "/applications/$STAGE1/steps/$DECIDE" '{"decision": "approve"}'

step '14. Stage 2 opens: 公章刻制备案, 发票领用 and 社会保险登记 are accepted (即办件)'
call lisi 200 GET "/bundle-applications/$BUNDLE"
expect '[.members[] | select(.stage == 2 and .status == "submitted")] | length' 3
for member in $(field '.members[] | select(.stage == 2) | .applicationId'); do
  send hall-window 200 POST "/applications/$member/accept" '{}'
done

step '15. The bundle is complete'
call lisi 200 GET "/bundle-applications/$BUNDLE"
expect .status completed
field '.members[] | "   \(.itemName): \(.status)"'

printf '\nwalkthrough complete\n'
