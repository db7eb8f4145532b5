package io.duvoexport.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Free text of runs: titles, case titles and evaluation comments. The texts mix scripts (accents,
 * CJK, Arabic, Greek, emoji) and carry double quotes, commas, apostrophes and newlines, as user
 * supplied text does.
 */
final class RunTexts {

    private static final List<String> CUSTOMERS = List.of(
            "Müller GmbH",
            "Société Générale d'Électricité",
            "株式会社サクラ物流",
            "Ørsted A/S",
            "شركة الأفق للتجارة",
            "O'Neil & Sons, Ltd.",
            "\"Acme\" Corporation",
            "Δέλτα Α.Ε.",
            "Łódź Logistics sp. z o.o.",
            "Café Zürich",
            "北京华信科技有限公司",
            "Hoàng Long JSC",
            "Acme, Inc.",
            "Nordwind Energie",
            "Ibérica de Envíos S.L.");

    private static final List<String> RUN_TITLES = List.of(
            "Process invoice {n} for {c}",
            "Reply to ticket #{n}: \"{c}\"",
            "Daily summary 📊 {n}",
            "Reconcile statement {n}, {c}",
            "Onboard {c}\nKYC check {n}",
            "{c} の注文 {n} を確認",
            "مراجعة الطلب رقم {n} — {c}",
            "Follow up with \"{c}\", quote {n} ✅",
            "Réclamation n° {n} — {c}",
            "Update CRM record {n}",
            "Überprüfung der Rechnung {n}, \"dringend\"",
            "Summarise call with {c} 📞",
            "Weekly report, week {n}",
            "Enrich lead {n}: {c}",
            "Translate contract {n} (EN → DE)");

    private static final List<String> CASE_TITLES = List.of(
            "Case {n}: {c}",
            "Refund request {n} from \"{c}\"",
            "Rückerstattung {n}, {c}",
            "Line one for {c}\nline two, ref {n}",
            "顧客対応 {n}",
            "طلب {n}",
            "Address change {n} — {c} 🏠");

    private static final List<String> FINAL_COMMENTS = List.of(
            "All rubrics passed.",
            "Missed the \"due date\" field; otherwise fine.",
            "Zwei Prüfungen fehlgeschlagen:\n- Betrag\n- Währung",
            "金額が一致しません。",
            "Refund amount wrong, escalate 🚩",
            "لم يتم التحقق من الهوية",
            "Tone was off, see rubric \"politeness\", item 3.",
            "Résumé incomplet, 2 champs manquants.");

    private RunTexts() {}

    /** A run title. */
    static String runTitle(SplittableRandom rng) {
        return fill(RUN_TITLES, rng);
    }

    /** A case title. */
    static String caseTitle(SplittableRandom rng) {
        return fill(CASE_TITLES, rng);
    }

    /** An evaluation's closing comment. */
    static String finalComment(SplittableRandom rng) {
        return FINAL_COMMENTS.get(rng.nextInt(FINAL_COMMENTS.size()));
    }

    private static String fill(List<String> templates, SplittableRandom rng) {
        String template = templates.get(rng.nextInt(templates.size()));
        String customer = CUSTOMERS.get(rng.nextInt(CUSTOMERS.size()));
        return template.replace("{n}", Integer.toString(10_000 + rng.nextInt(90_000)))
                .replace("{c}", customer);
    }
}
