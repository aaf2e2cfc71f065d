# review-report.awk: writes one synthetic selfcheck report on standard
# output in the layout `selfcheck report` writes today (CSV, format 2 with
# the checklist digest column: docs/report-format.md), for
# bench/review-import and the review tests. Run with awk -f and no input:
#   -v unit=CODE -v uname=NAME -v profile=halfyear -v period=2026-H2
#   -v gen=2026-12-20T10:00:00 -v kid=KEYID -v algo=ed25519|sm2 -v rid=ID
#   -v n=ITEMS -v fail=3,7 (items that are findings) -v due=YYYY-MM-DD
#   -v complete=yes|no
#   -v digest=sha256:HEX (the checklist's digest; default a fixed one)
#   -v systems=yes (every third item asked per system, of system "oa")
# Item i is item-i of checklist "bench", weight 1: 1 point, or 0 and a
# finding with owner and due date when i is listed in fail. The total is
# the share of points with one decimal, as the reports write it.
function q(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
BEGIN {
    if (n == "") n = 150
    if (complete == "") complete = "yes"
    if (digest == "") digest = "sha256:1b32c28cb38c05480eccc1bd60ff97029b57a05c96718b96dad7e9d84894f549"
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
    done_at = gen
    # as the writer: an incomplete check has no grade, no completion time,
    # and the verdict incomplete
    if (complete != "yes") { g = ""; gz = ""; verdict = "incomplete"; done_at = "" }
    printf "\357\273\277"
    printf "\"format_version\",\"report_id\",\"unit_code\",\"unit_name\",\"profile\",\"period\",\"assessor\",\"completed_at\",\"generated_at\",\"tool_version\",\"signer_key_id\",\"signature_algo\",\"complete\",\"total_percent\",\"grade\",\"grade_zh\",\"verdict\",\"checklist_id\",\"checklist_version\",\"checklist_digest\",\"item_id\",\"system_id\",\"system_name\",\"question_zh\",\"severity\",\"weight\",\"state\",\"answer\",\"answer_text\",\"score\",\"max_score\",\"finding\",\"note\",\"remediation_owner\",\"remediation_due\"\r\n"
    head = q(2) "," q(rid) "," q(unit) "," q(uname) "," q(profile) "," q(period) "," q("张三") "," \
           q(done_at) "," q(gen) "," q("0.1.0") "," q(kid) "," q(algo) "," q(complete) "," q(pct) "," \
           q(g) "," q(gz) "," q(verdict)
    for (i = 1; i <= n; i++) {
        bad = i in failed
        state = "answered"; score = bad ? 0 : 1; max = 1
        if (complete != "yes" && i == n) { state = "unanswered"; score = ""; max = "" }
        sys = systems == "yes" && i % 3 == 0
        printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", head, q("bench"), q(1), q(digest), \
            q("item-" i), q(sys ? "oa" : ""), q(sys ? "办公自动化系统" : ""), q("第" i "项检查：是否落实安全措施？"), q(i % 10 == 0 ? "critical" : "high"), q(1), \
            q(state), q(state == "answered" ? (bad ? "no" : "yes") : ""), q(state == "answered" ? (bad ? "否" : "是") : ""), \
            q(score), q(max), q(bad ? "yes" : "no"), q(bad ? "待整改" : ""), q(bad ? "李四" : ""), q(bad ? due : "")
    }
}
