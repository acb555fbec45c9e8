package io.corral.server.soft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeSlotsTest {

    private static final class Counted extends NodeSlot {
        Counted(String nodeId) {
            super(nodeId);
        }
    }

    @Test
    void aNodeHasOneSlotFromItsFirstUseUntilItIsRemoved() {
        List<String> made = new ArrayList<>();
        NodeSlots<Counted> slots = new NodeSlots<>(id -> {
            made.add(id);
            return new Counted(id);
        });
        assertThat(slots.get("a")).isNull();
        Counted a = slots.getOrMake("a");
        assertThat(slots.getOrMake("a")).isSameAs(a);
        assertThat(slots.get(new String("a"))).isSameAs(a);
        assertThat(made).containsExactly("a");
        assertThat(a.nodeId()).isEqualTo("a");

        slots.remove("a");
        assertThat(slots.get("a")).isNull();
        assertThat(slots.getOrMake("a")).isNotSameAs(a);
        assertThat(made).containsExactly("a", "a");
    }

    @Test
    void aNewSlotIsKeyedByItsOwnCopyOfTheId() {
        NodeSlots<Counted> slots = new NodeSlots<>(Counted::new);
        String id = "node-1";
        Counted slot = slots.getOrMake(id);
        assertThat(slot.nodeId()).isEqualTo(id).isNotSameAs(id);
    }

    @Test
    void retainOnlyKeepsTheNamedNodesSlots() {
        NodeSlots<Counted> slots = new NodeSlots<>(Counted::new);
        Counted a = slots.getOrMake("a");
        slots.getOrMake("b");
        slots.getOrMake("c");
        slots.retainOnly(Set.of("a", "z"));
        assertThat(slots.size()).isEqualTo(1);
        assertThat(slots.get("a")).isSameAs(a);
        List<String> seen = new ArrayList<>();
        slots.forEach(s -> seen.add(s.nodeId()));
        assertThat(seen).containsExactly("a");
    }
}
