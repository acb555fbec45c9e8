package io.corral.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventIndexTest {

    @Test
    void aKeyPointsAtItsLatestSeqAndOlderIndexesStayAsTheyWere() {
        EventIndex one = EventIndex.EMPTY.with("a", 1).with("b", 2);
        EventIndex two = one.with("a", 7);
        assertThat(one.seqOf("a")).isEqualTo(1L);
        assertThat(two.seqOf("a")).isEqualTo(7L);
        assertThat(two.seqOf("b")).isEqualTo(2L);
        assertThat(two.seqOf("c")).isNull();
        assertThat(two.size()).isEqualTo(2);
        assertThat(EventIndex.EMPTY.size()).isZero();
    }

    @Test
    void keysWhoseEventLeftThroughRetentionAreDropped() {
        EventIndex index = EventIndex.EMPTY.with("old", 3).with("older", 1).with("kept", 4).with("new", 9);
        EventIndex pruned = index.withoutSeqsBefore(4);
        assertThat(pruned.toSortedMap()).isEqualTo(Map.of("kept", 4L, "new", 9L));
        assertThat(index.size()).isEqualTo(4);
        assertThat(pruned.withoutSeqsBefore(4)).isSameAs(pruned);
    }

    @Test
    void equalWhenTheSameKeysPointAtTheSameSeqsWhateverTheOrderOfChanges() {
        EventIndex a = EventIndex.EMPTY.with("x", 1).with("y", 2).with("x", 3);
        EventIndex b = EventIndex.of(Map.of("y", 2L, "x", 3L));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.with("y", 5));
        assertThat(EventIndex.of(Map.of())).isSameAs(EventIndex.EMPTY);
        assertThat(EventIndex.of(a.toSortedMap())).isEqualTo(a);
    }
}
