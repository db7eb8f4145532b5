package io.duvoexport.job;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses the API key where other users and the shell history can read it: in a
 * {@code --name=value} argument or a JVM system property ({@code -D}). Spring Boot binds
 * {@code duvo.api-key} relaxedly ({@code duvo.apiKey}, {@code duvo.apikey}, {@code duvo.API_KEY},
 * {@code duvo.api_key} all reach it) and from the JSON of {@code spring.application.json}, so
 * names are compared after folding case and dropping {@code .}, {@code -} and {@code _}, and that
 * JSON is looked into. Messages never carry a value.
 */
final class KeyArguments {

    private static final String KEY = fold("duvo.api-key");
    private static final String APPLICATION_JSON = fold("spring.application.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeyArguments() {}

    /**
     * @throws CommandLine.UsageException when an argument or a system property would supply
     *     the API key, or when a {@code spring.application.json} cannot be looked into
     */
    static void refuse(List<String> args, Properties systemProperties, String advice) {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                refuse(arg.substring(2, equals), arg.substring(equals + 1), "the command line",
                        advice);
            }
        }
        for (Map.Entry<Object, Object> property : systemProperties.entrySet()) {
            refuse(String.valueOf(property.getKey()), String.valueOf(property.getValue()),
                    "a system property (-D)", advice);
        }
    }

    private static void refuse(String name, String value, String where, String advice) {
        String folded = fold(name);
        if (folded.equals(KEY) || folded.equals(APPLICATION_JSON) && carriesKey(name, value)) {
            throw new CommandLine.UsageException("the API key is not accepted on " + where
                    + " (" + name + "), where other users and the shell history can read it: "
                    + advice);
        }
    }

    /** Whether the JSON of {@code spring.application.json} sets the key, at any nesting. */
    private static boolean carriesKey(String name, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new CommandLine.UsageException(name + " is not valid JSON; fix its syntax");
        }
        return setsKey("", root);
    }

    private static boolean setsKey(String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (fold(name).equals(KEY) || setsKey(name, field.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** {@code name} in lower case without the separators relaxed binding ignores. */
    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }
}
