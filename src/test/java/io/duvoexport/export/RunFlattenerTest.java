package io.duvoexport.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RunFlattenerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant EXPORTED_AT = Instant.parse("2026-12-03T02:00:00Z");

    private final RunFlattener flattener = new RunFlattener();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private RunRow flatten(String run) throws RejectedRunException {
        return flattener.flatten(json(run), "team-1", null, EXPORTED_AT);
    }

    @Test
    void flattensEveryFieldOfACompleteRun() throws Exception {
        RunRow row = flatten("""
                {'id':'r1','created_at':'2026-11-30T08:15:02.123456Z',
                 'updated_at':'2026-11-30T09:00:00Z','started_at':'2026-11-30T08:15:03Z',
                 'completed_at':'2026-11-30T08:20:00+01:00','postponed_to':null,
                 'status':'completed','source':'api','title':'Hello, \\u0022world\\u0022\\nagain',
                 'run_number':42,'agent_id':'a1','agent_name':'Agent','build_id':'b1',
                 'user_id':'u1','case_queue_item_id':'qi','case_queue_id':'q','case_queue_name':'Q',
                 'case_title':'Case','submitted_prompt_count':4503599627370495,
                 'eval_summaries':{'passed':3,'total':5,'status':'ready','final_comment':'ok',
                   'severityCounts':{'critical':1,'medium':0,'low':4503599627370495}}}""");

        assertThat(row.id()).isEqualTo("r1");
        assertThat(row.teamId()).isEqualTo("team-1");
        assertThat(row.createdAt()).isEqualTo(Instant.parse("2026-11-30T08:15:02.123456Z"));
        assertThat(row.completedAt()).isEqualTo(Instant.parse("2026-11-30T07:20:00Z"));
        assertThat(row.title()).isEqualTo("Hello, \"world\"\nagain");
        assertThat(row.submittedPromptCount()).isEqualTo(4503599627370495L);
        assertThat(row.evalPassed()).isEqualTo(3);
        assertThat(row.evalTotal()).isEqualTo(5);
        assertThat(row.evalFailed()).isEqualTo(2);
        assertThat(row.evalStatus()).isEqualTo("ready");
        assertThat(row.evalFinalComment()).isEqualTo("ok");
        assertThat(row.evalCritical()).isEqualTo(1);
        assertThat(row.evalMedium()).isZero();
        assertThat(row.evalLow()).isEqualTo(4503599627370495L);
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.exportedAt()).isEqualTo(EXPORTED_AT);
    }

    @Test
    void absentAndNullFieldsBecomeNulls() throws Exception {
        RunRow row = flatten("{'id':'r1','created_at':'2026-11-30T08:15:02Z','source':null}");

        assertThat(row.source()).isNull();
        assertThat(row.startedAt()).isNull();
        assertThat(row.runNumber()).isNull();
        assertThat(row.evalStatus()).isNull();
        assertThat(row.evalFailed()).isNull();
        assertThat(row.evalCritical()).isNull();
        assertThat(row.status()).isNull();
    }

    @Test
    void evaluationWithoutSeverityCountsLeavesSeverityColumnsNull() throws Exception {
        RunRow row = flatten("{'id':'r1','created_at':'2026-11-30T08:15:02Z',"
                + "'eval_summaries':{'passed':2,'total':2,'status':'ready','severityCounts':null}}");

        assertThat(row.evalFailed()).isZero();
        assertThat(row.evalCritical()).isNull();
        assertThat(row.evalMedium()).isNull();
        assertThat(row.evalLow()).isNull();
    }

    @Test
    void unknownFieldsAndUnknownStatusAreKept() throws Exception {
        RunRow row = flatten("{'id':'r1','created_at':'2026-11-30T08:15:02Z',"
                + "'status':'archived','new_field':{'x':[1,2]}}");

        assertThat(row.status()).isEqualTo("archived");
    }

    @Test
    void runWithoutStatusTakesTheStatusItWasListedUnder() throws Exception {
        RunRow row = flattener.flatten(json("{'id':'r1','created_at':'2026-11-30T08:15:02Z'}"),
                "team-1", "failed", EXPORTED_AT);

        assertThat(row.status()).isEqualTo("failed");
    }

    @Test
    void integralFloatingPointCountsAreAccepted() throws Exception {
        RunRow row = flatten("{'id':'r1','created_at':'2026-11-30T08:15:02Z',"
                + "'eval_summaries':{'passed':3.0,'total':4}}");

        assertThat(row.evalPassed()).isEqualTo(3);
    }

    @Nested
    class Rejects {

        @Test
        void runWithoutId() {
            assertRejected("{'created_at':'2026-11-30T08:15:02Z'}", "id is missing");
        }

        @Test
        void runWithoutCreatedAt() {
            assertRejected("{'id':'r1'}", "created_at is missing");
        }

        @Test
        void unparseableTimestamp() {
            assertRejected("{'id':'r1','created_at':'2026-11-30T08:15:02Z','started_at':'yesterday'}",
                    "started_at is not an RFC 3339 date-time");
        }

        @Test
        void negativeCount() {
            assertRejected("{'id':'r1','created_at':'2026-11-30T08:15:02Z',"
                    + "'submitted_prompt_count':-1}", "submitted_prompt_count is negative (-1)");
        }

        @Test
        void passedGreaterThanTotal() {
            assertRejected("{'id':'r1','created_at':'2026-11-30T08:15:02Z',"
                    + "'eval_summaries':{'passed':5,'total':4}}",
                    "eval_summaries.passed (5) is greater than eval_summaries.total (4)");
        }

        @Test
        void wrongType() {
            assertRejected("{'id':'r1','created_at':'2026-11-30T08:15:02Z','run_number':'7'}",
                    "run_number is not a 64-bit integer");
            assertRejected("{'id':'r1','created_at':'2026-11-30T08:15:02Z','title':7}",
                    "title is not a string");
        }

        @Test
        void fractionalCount() {
            assertRejected("{'id':'r1','created_at':'2026-11-30T08:15:02Z',"
                    + "'eval_summaries':{'passed':1.5,'total':4}}",
                    "eval_summaries.passed is not a 64-bit integer");
        }

        @Test
        void countBeyond64Bits() {
            assertRejected("{'id':'r1','created_at':'2026-11-30T08:15:02Z',"
                    + "'submitted_prompt_count':18446744073709551616}",
                    "submitted_prompt_count is not a 64-bit integer");
        }

        private void assertRejected(String run, String reason) {
            assertThatThrownBy(() -> flatten(run))
                    .isInstanceOf(RejectedRunException.class)
                    .hasMessage(reason);
        }
    }
}
