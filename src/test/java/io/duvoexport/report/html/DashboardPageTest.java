package io.duvoexport.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.report.html.DashboardData.AgentDurations;
import io.duvoexport.report.html.DashboardData.AgentFailureRate;
import io.duvoexport.report.html.DashboardData.AgentSeverity;
import io.duvoexport.report.html.DashboardData.DailyFailureRate;
import io.duvoexport.report.html.DashboardData.Headline;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardPageTest {

    private static final String MARKUP = "<img src=x onerror=alert(1)> \"a\" & 'b'";

    @Test
    void escapesEveryTextFromTheData() {
        String page = DashboardPage.render(data(MARKUP, "x\" onmouseover=\"alert(1)"));

        assertThat(page).doesNotContain("<img", "\" onmouseover")
                .contains("&lt;img src=x onerror=alert(1)&gt; &quot;a&quot; &amp; &#39;b&#39;")
                .contains("data-agent-id=\"x&quot; onmouseover=&quot;alert(1)\"");
    }

    @Test
    void filterTextIsEscapedAndIsolated() {
        DashboardData data = data("Agent", "a-1");
        DashboardData filtered = new DashboardData("agent_id \"</p><b>\"", data.exportedAt(),
                data.headline(), data.failureRates(), data.dailyFailureRates(),
                data.severities(), data.durations(), List.of());

        assertThat(DashboardPage.render(filtered))
                .contains("filtered: <bdi>agent_id &quot;&lt;/p&gt;&lt;b&gt;&quot;</bdi>");
    }

    @Test
    void replacesControlCharactersAndShortensLongNames() {
        assertThat(HtmlText.escape("a\u0000b\u001bc\nd")).isEqualTo("a\uFFFDb\uFFFDc\nd");
        assertThat(HtmlText.shorten("\u0645".repeat(40), 32)).hasSize(32).endsWith("\u2026");
    }

    @Test
    void drawsOneMarkPerAgentAndDay() {
        String page = DashboardPage.render(data("Agent", "a-1"));

        assertThat(count(page, "<rect class=\"bar failure\"")).isEqualTo(1);
        assertThat(count(page, "<circle class=\"point daily\"")).isEqualTo(2);
        assertThat(count(page, "<circle class=\"point rolling\"")).isEqualTo(3);
        assertThat(count(page, "<rect class=\"bar severity ")).isEqualTo(3);
        assertThat(count(page, "<circle class=\"point p")).isEqualTo(3);
    }

    @Test
    void saysSoWhenThereIsNothingToDraw() {
        DashboardData empty = new DashboardData("none", null,
                new Headline(0, null, null, 0, null, null), List.of(), List.of(), List.of(),
                List.of(), List.of("duration_by_agent"));

        assertThat(DashboardPage.render(empty))
                .contains("no runs exported yet", "No run has ended yet.",
                        "No completed run has been timed yet.", "Not published, so not shown:"
                                + " duration_by_agent")
                .doesNotContain("<svg");
    }

    @Test
    void formatsDurationsForPeople() {
        assertThat(HtmlText.duration(0.42)).isEqualTo("0.4 s");
        assertThat(HtmlText.duration(42)).isEqualTo("42 s");
        assertThat(HtmlText.duration(185)).isEqualTo("3m 05s");
        assertThat(HtmlText.duration(7830)).isEqualTo("2h 10m");
    }

    private static DashboardData data(String name, String agentId) {
        LocalDate day = LocalDate.parse("2026-11-30");
        return new DashboardData("none", Instant.parse("2026-12-01T02:00:00Z"),
                new Headline(10, 0.1, 0.9, 1, 0L, 0L),
                List.of(new AgentFailureRate(agentId, name, 0.1, 1, 10)),
                List.of(new DailyFailureRate(day, 0.1, 0.1),
                        new DailyFailureRate(day.plusDays(1), null, 0.1),
                        new DailyFailureRate(day.plusDays(2), 0.2, 0.15)),
                List.of(new AgentSeverity(agentId, name, 4, 0.25, 0.5, 0)),
                List.of(new AgentDurations(agentId, name, 5, 12.5, 80, 3600)),
                List.of());
    }

    private static long count(String text, String fragment) {
        return text.split(java.util.regex.Pattern.quote(fragment), -1).length - 1;
    }
}
