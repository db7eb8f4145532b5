package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The API key is refused on the command line and in system properties, however spelled. */
class KeyArgumentsTest {

    private static final String CANARY = "dv_canary_3f9a";

    /** Every spelling through which Spring Boot would hand the canary to duvo.api-key. */
    private static final String[] SPELLINGS = {
        "--duvo.api-key=" + CANARY,
        "--duvo.apiKey=" + CANARY,
        "--duvo.apikey=" + CANARY,
        "--duvo.API_KEY=" + CANARY,
        "--duvo.api_key=" + CANARY,
        "--duvo.API-KEY=" + CANARY,
        "--spring.application.json={\"duvo\":{\"api-key\":\"" + CANARY + "\"}}",
        "--spring.application.json={\"duvo.api-key\":\"" + CANARY + "\"}",
        "--spring.application.json={\"duvo\":{\"apiKey\":\"" + CANARY + "\"}}",
        "--SPRING_APPLICATION_JSON={\"duvo\":{\"api_key\":\"" + CANARY + "\"}}",
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void check(List<String> args, Properties systemProperties) {
        KeyArguments.refuse(args, systemProperties, "set DUVO_API_KEY or DUVO_API_KEY_FILE");
    }

    private static Properties properties(String name, String value) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        return properties;
    }

    /** What {@code duvo.api-key} resolves to in a Spring environment given {@code arg}. */
    private static String keySpringReads(String arg) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
                .addFirst(new SimpleCommandLinePropertySource(new String[] {arg}));
        new SpringApplicationJsonEnvironmentPostProcessor()
                .postProcessEnvironment(environment, new SpringApplication());
        ConfigurationPropertySources.attach(environment);
        return environment.getProperty("duvo.api-key");
    }

    @Nested
    class OnTheCommandLine {

        @ParameterizedTest
        @ValueSource(strings = {
            "--duvo.api-key=", "--duvo.apiKey=", "--duvo.apikey=", "--duvo.API_KEY=",
            "--duvo.api_key=", "--duvo.API-KEY=", "--spring.application.json=",
            "--SPRING_APPLICATION_JSON="})
        void everySpellingIsOneSpringBootWouldReadTheKeyFrom(String prefix) {
            String arg = List.of(SPELLINGS).stream().filter(s -> s.startsWith(prefix))
                    .findFirst().orElseThrow();

            assertThat(keySpringReads(arg)).isEqualTo(CANARY);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
        void exportRefusesEverySpellingWithoutEchoingTheKey(int spelling) {
            int exit = run("export", "--duvo.team-id=t", SPELLINGS[spelling]);

            assertThat(exit).isEqualTo(ExitCode.CONFIGURATION.code());
            assertThat(err()).startsWith("error: the API key is not accepted on the command line")
                    .contains("DUVO_API_KEY", "DUVO_API_KEY_FILE")
                    .doesNotContain(CANARY);
            assertThat(err().lines()).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 3, 6})
        void reportRefusesItToo(int spelling) {
            int exit = run("report", SPELLINGS[spelling]);

            assertThat(exit).isEqualTo(ExitCode.CONFIGURATION.code());
            assertThat(err()).contains("not accepted on the command line").doesNotContain(CANARY);
        }

        @Test
        void keyFileAndOtherSettingsPass() {
            assertThatCode(() -> check(List.of("--duvo.api-key-file=/etc/duvo/key",
                    "--duvo.apiKeyFile=/etc/duvo/key", "--duvo.team-id=t",
                    "--spring.application.json={\"duvo\":{\"team-id\":\"t\","
                            + "\"api-key-file\":\"/k\"}}"), new Properties()))
                    .doesNotThrowAnyException();
        }

        @Test
        void applicationJsonThatDoesNotParseIsRefusedWithoutEchoingIt() {
            assertThatThrownBy(() -> check(List.of("--spring.application.json={\"duvo\":"
                    + "{\"api-key\":\"" + CANARY + "\""), new Properties()))
                    .isInstanceOf(CommandLine.UsageException.class)
                    .hasMessageContaining("spring.application.json is not valid JSON")
                    .hasMessageNotContaining(CANARY);
        }
    }

    @Nested
    class AsASystemProperty {

        @ParameterizedTest
        @ValueSource(strings = {"duvo.api-key", "duvo.apiKey", "duvo.API_KEY"})
        void isRefusedWithoutEchoingTheKey(String name) {
            assertThatThrownBy(() -> check(List.of(), properties(name, CANARY)))
                    .isInstanceOf(CommandLine.UsageException.class)
                    .hasMessageContaining("a system property (-D)")
                    .hasMessageContaining("DUVO_API_KEY")
                    .hasMessageNotContaining(CANARY);
        }

        @Test
        void applicationJsonCarryingItIsRefused() {
            Properties json = properties("spring.application.json",
                    "{\"duvo\":{\"api-key\":\"" + CANARY + "\"}}");

            assertThatThrownBy(() -> check(List.of(), json))
                    .hasMessageContaining("a system property (-D)")
                    .hasMessageNotContaining(CANARY);
        }

        @Test
        void exportStopsBeforeStartingWhenTheJvmWasGivenTheKey() {
            System.setProperty("duvo.api-key", CANARY);
            try {
                int exit = run("export", "--duvo.team-id=t");

                assertThat(exit).isEqualTo(ExitCode.CONFIGURATION.code());
                assertThat(err()).contains("system property (-D)", "DUVO_API_KEY")
                        .doesNotContain(CANARY);
            } finally {
                System.clearProperty("duvo.api-key");
            }
        }

        @Test
        void otherSystemPropertiesPass() {
            assertThatCode(() -> check(List.of(),
                    properties("duvo.api-key-file", "/etc/duvo/key")))
                    .doesNotThrowAnyException();
        }
    }
}
