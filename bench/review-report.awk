# review-report.awk: writes one synthetic selfcheck report (CSV, format 1:
# docs/report-format.md) on standard output, for bench/review-import and the
# review tests. Run with awk -f and no input:
#   -v unit=CODE -v uname=NAME -v profile=halfyear -v period=2026-H2
#   -v gen=2026-12-20T10:00:00 -v kid=KEYID -v algo=ed25519|sm2 -v rid=ID
#   -v n=ITEMS -v fail=3,7 (items that are findings) -v due=YYYY-MM-DD
#   -v complete=yes|no
# Item i is item-i of checklist "bench", weight 1: 1 point, or 0 and a
# finding with owner and due date when i is listed in fail. The total is
# the share of points with one decimal, as the reports write it.
function q(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
BEGIN {
    if (n == "") n = 150
    if (complete == "") complete = "yes"
    split(fail, f, ",")
    for (k in f) failed[f[k]] = 1
    nf = 0
    for (i = 1; i <= n; i++) if (i in failed) nf++
    answered = complete == "yes" ? n : n - 1
    pct = sprintf("%.1f", (answered - nf) * 100 / n)
    if (pct + 0 >= 90) { g = "excellent"; gz = "优秀" }
    else if (pct + 0 >= 75) { g = "good"; gz = "良好" }
    else if (pct + 0 >= 60) { g = "pass"; gz = "合格" }
    else { g = "fail"; gz = "不合格" }
    verdict = pct + 0 >= 60 ? "pass" : "fail"
    printf "\357\273\277"
    printf "\"format_version\",\"report_id\",\"unit_code\",\"unit_name\",\"profile\",\"period\",\"assessor\",\"completed_at\",\"generated_at\",\"tool_version\",\"signer_key_id\",\"signature_algo\",\"complete\",\"total_percent\",\"grade\",\"grade_zh\",\"verdict\",\"checklist_id\",\"checklist_version\",\"item_id\",\"system_id\",\"system_name\",\"question_zh\",\"severity\",\"weight\",\"state\",\"answer\",\"answer_text\",\"score\",\"max_score\",\"finding\",\"note\",\"remediation_owner\",\"remediation_due\"\r\n"
    head = q(1) "," q(rid) "," q(unit) "," q(uname) "," q(profile) "," q(period) "," q("张三") "," \
           q(gen) "," q(gen) "," q("0.1.0") "," q(kid) "," q(algo) "," q(complete) "," q(pct) "," \
           q(g) "," q(gz) "," q(verdict)
    for (i = 1; i <= n; i++) {
        bad = i in failed
        state = "answered"; score = bad ? 0 : 1; max = 1
        if (complete != "yes" && i == n) { state = "unanswered"; score = ""; max = "" }
        printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", head, q("bench"), q(1), q("item-" i), \
            q(""), q(""), q("第" i "项检查：是否落实安全措施？"), q(i % 10 == 0 ? "critical" : "high"), q(1), \
            q(state), q(state == "answered" ? (bad ? "no" : "yes") : ""), q(state == "answered" ? (bad ? "否" : "是") : ""), \
            q(score), q(max), q(bad ? "yes" : "no"), q(bad ? "待整改" : ""), q(bad ? "李四" : ""), q(bad ? due : "")
    }
}
