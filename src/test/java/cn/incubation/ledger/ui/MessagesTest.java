package cn.incubation.ledger.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' words: every Chinese key has its English and the other way round, so no page shows a bare key. */
class MessagesTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/" + name),
                                               StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void chineseAndEnglishHoldTheSameKeys() throws IOException {
        Properties chinese = load("messages.properties");
        Properties english = load("messages_en.properties");

        assertThat(english.stringPropertyNames()).as("keys without English")
                                                 .containsAll(chinese.stringPropertyNames());
        assertThat(chinese.stringPropertyNames()).as("keys without Chinese")
                                                 .containsAll(english.stringPropertyNames());
        assertThat(chinese.getProperty("app.name")).isEqualTo("孵化账本");
    }
}
