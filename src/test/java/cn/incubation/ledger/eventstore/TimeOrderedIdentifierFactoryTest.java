package cn.incubation.ledger.eventstore;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonUsesItForEveryMessage() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        String identifier = GenericEventMessage.asEventMessage("payload").getIdentifier();
        assertThat(UUID.fromString(identifier).version()).isEqualTo(7);
    }

    @Test
    void identifiersAreVersion7UuidsWhoseTextSortsInTheOrderTheyWereMade() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        long before = System.currentTimeMillis();
        List<String> identifiers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            identifiers.add(factory.generateIdentifier());
        }
        long after = System.currentTimeMillis();
        assertThat(new HashSet<>(identifiers)).hasSize(identifiers.size());
        assertThat(identifiers).isSorted();
        UUID first = UUID.fromString(identifiers.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.toString()).isEqualTo(identifiers.get(0));
        long millis = first.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }
}
