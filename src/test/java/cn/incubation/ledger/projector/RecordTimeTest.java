package cn.incubation.ledger.projector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RecordTime#parse} reads every instant as {@link Instant#parse} does, and rejects what it rejects. */
class RecordTimeTest {

    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(20251231L);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            // Whole seconds, milliseconds, microseconds and nanoseconds, as Instant.toString writes each.
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nanos);
            assertThat(RecordTime.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.5Z", "2023-12-31T16:00:00.000000001Z", "2024-06-30T24:00:00Z",
            "2024-06-30T12:00:00.Z", "2024-06-30T12:00:00+08:00", "+12024-06-30T12:00:00Z"})
    void otherFormsGoToInstantParse(String text) {
        assertThat(RecordTime.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T12:00:00Z", "2024-13-01T12:00:00Z", "2024-06-31T12:00:00Z",
            "2024-06-30T12:00Z", "2024-06-30T12:00:00.1234567890Z", "2024-06-3OT12:00:00Z", "2024-06-30T1x:00:00Z",
            "2024-06-30T12:0x:00Z", "2024-06-30T12:00:x0Z", "yesterday"})
    void rejectsWhatInstantParseRejects(String text) {
        assertThatThrownBy(() -> RecordTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
