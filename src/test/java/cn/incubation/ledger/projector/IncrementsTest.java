package cn.incubation.ledger.projector;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IncrementsTest {

    @Test
    void sumsLikeAnOrderedMapThroughGrowthAndCollidingHashes() {
        // "Aa" and "BB" (and their concatenations) have equal hash codes: they must stay apart.
        List<String> fields = new ArrayList<>(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"));
        for (int i = 0; i < 3000; i++) {
            fields.add("v:2024-03-" + (i % 28) + ":metric" + i);
        }
        Random random = new Random(7);
        Increments increments = new Increments();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < 50_000; i++) {
            String field = fields.get(random.nextInt(i < 100 ? 6 : fields.size()));
            long delta = random.nextInt(21) - 10;
            // A copy, so that equal text, not the same instance, has to find the field.
            increments.add(new String(field), delta);
            expected.merge(field, delta, Long::sum);
        }
        Map<String, Long> actual = new LinkedHashMap<>();
        increments.forEach((field, sum) -> actual.put(field, sum.longValue()));
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(increments.allZero()).isFalse();
    }

    @Test
    void sumsThatCancelOutAreAllZero() {
        Increments increments = new Increments();
        assertThat(increments.allZero()).isTrue();
        increments.add("t:jobs", 5);
        increments.add("t:staff", 1);
        increments.add("t:jobs", -5);
        assertThat(increments.allZero()).isFalse();
        increments.add("t:staff", -1);
        assertThat(increments.allZero()).isTrue();
    }

    @Test
    void aSumPastTheRangeOfALongGoesOnExactly() {
        Increments increments = new Increments();
        increments.add("t:investmentFen", Long.MAX_VALUE);
        increments.add("t:jobs", 1);
        increments.add("t:investmentFen", Long.MAX_VALUE);
        increments.add("t:investmentFen", 2);
        increments.add("t:jobs", 1);
        Map<String, Number> sums = new LinkedHashMap<>();
        increments.forEach(sums::put);

        assertThat(sums.get("t:investmentFen")).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1)
                                                                    .add(BigInteger.TWO));
        assertThat(sums.get("t:jobs")).isEqualTo(2L);
        increments.add("t:investmentFen", Long.MIN_VALUE);
        increments.add("t:investmentFen", Long.MIN_VALUE);
        increments.add("t:jobs", -2);
        assertThat(increments.allZero()).isTrue();
    }
}
