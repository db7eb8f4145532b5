package io.duvoexport.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example questions of the README's "For analysts" section, read from the README itself so
 * that the SQL a test runs is the SQL people copy.
 */
final class ReadmeQuestions {

    static final String HEADING = "### Five questions, answered from the catalog";

    private static final Pattern SQL_BLOCK = Pattern.compile("(?s)```sql\\n(.*?)```");

    /** One question: the sentence before its SQL block, and the block's statements. */
    record Question(String question, List<String> statements) {}

    private ReadmeQuestions() {}

    /** The questions in the order the README asks them. */
    static List<Question> read() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", "."), "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalStateException("README.md has no heading '" + HEADING + "'");
        }
        int end = text.indexOf("\n## ", start);
        return parse(text.substring(start + HEADING.length(), end < 0 ? text.length() : end));
    }

    private static List<Question> parse(String section) {
        List<Question> questions = new ArrayList<>();
        Matcher block = SQL_BLOCK.matcher(section);
        int previousEnd = 0;
        while (block.find()) {
            String question = section.substring(previousEnd, block.start()).strip();
            questions.add(new Question(question, statements(block.group(1))));
            previousEnd = block.end();
        }
        return questions;
    }

    /** Statements end with a semicolon at the end of a line. */
    private static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        for (String statement : sql.split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
