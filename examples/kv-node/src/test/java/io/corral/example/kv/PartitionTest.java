package io.corral.example.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One partition's rules: versions win, fences refuse stale writers, drops refuse everything. */
class PartitionTest {

    @Test
    void aHigherVersionWinsWhateverTheOrderSoASnapshotNeverOverwritesANewerDualWrite() {
        Partition donor = new Partition(100);
        donor.write(new Entry("k", "old", 10), 1);
        Partition.Snapshot snap = donor.snapshot(5);

        Partition target = new Partition(100);
        target.write(new Entry("k", "dual-written", 20), 5);   // arrived at the target before the snapshot
        target.merge(snap.entries());
        assertThat(target.read("k").value()).isEqualTo("dual-written");

        target.merge(List.of(new Entry("k", "newest", 30)));
        target.merge(List.of(new Entry("k", "older again", 25)));
        assertThat(target.read("k")).isEqualTo(new Entry("k", "newest", 30));
    }

    @Test
    void afterASnapshotWithAFenceWritesRoutedWithAnOlderMapAreRefused() {
        Partition p = new Partition(100);
        assertThat(p.write(new Entry("a", "1", 1), 3)).isEqualTo(WriteOutcome.ACCEPTED);
        p.snapshot(10);
        WriteOutcome stale = p.write(new Entry("a", "2", 2), 9);
        assertThat(stale.kind()).isEqualTo(WriteOutcome.Kind.STALE_MAP);
        assertThat(stale.fenceVersion()).isEqualTo(10);
        assertThat(p.read("a").value()).isEqualTo("1");
        assertThat(p.write(new Entry("a", "3", 3), 10)).isEqualTo(WriteOutcome.ACCEPTED);
        p.changesSince(0, 4);
        assertThat(p.fenceVersion()).isEqualTo(10);
    }

    @Test
    void changesSinceASnapshotAreTheWritesAfterIt() {
        Partition p = new Partition(100);
        p.write(new Entry("a", "1", 1), 0);
        Partition.Snapshot s = p.snapshot(0);
        p.write(new Entry("b", "2", 2), 0);
        p.write(new Entry("a", "3", 3), 0);
        p.write(new Entry("a", "stale", 1), 0);   // not applied, not logged
        Partition.Changes c = p.changesSince(s.position(), 0);
        assertThat(c.entries()).containsExactly(new Entry("b", "2", 2), new Entry("a", "3", 3));
        assertThat(p.changesSince(c.position(), 0).entries()).isEmpty();
    }

    @Test
    void aCatchUpFromBeforeTheKeptLogIsRefused() {
        Partition p = new Partition(4);
        for (int i = 0; i < 10; i++) {
            p.write(new Entry("k" + i, "v", i + 1), 0);
        }
        assertThatThrownBy(() -> p.changesSince(0, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(p.changesSince(p.logEnd() - 1, 0).entries()).hasSize(1);
    }

    @Test
    void aDroppedPartitionRefusesWritesUntilACopyRevivesIt() {
        Partition p = new Partition(100);
        p.write(new Entry("a", "1", 1), 0);
        p.drop();
        assertThat(p.write(new Entry("a", "2", 2), 99)).isEqualTo(WriteOutcome.NOT_HELD);
        assertThatThrownBy(() -> p.read("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.snapshot(1)).isInstanceOf(IllegalStateException.class);
        p.revive();
        assertThat(p.read("a")).isNull();
        assertThat(p.write(new Entry("a", "3", 3), 99)).isEqualTo(WriteOutcome.ACCEPTED);
    }

    @Test
    void theTransferFormatRoundTrips() throws IOException {
        List<Entry> in = List.of(new Entry("user:42", "héllo ✓", Long.MAX_VALUE), new Entry("", "", 0),
                new Entry("k/with/slashes", "x".repeat(70_000), 7));
        List<Entry> out = new ArrayList<>();
        long n = EntryCodec.decode(new ByteArrayInputStream(EntryCodec.encode(in)), 2, out::addAll);
        assertThat(n).isEqualTo(3);
        assertThat(out).isEqualTo(in);
        byte[] cut = EntryCodec.encode(in);
        assertThatThrownBy(() -> EntryCodec.decode(new ByteArrayInputStream(cut, 0, cut.length - 3), 10, b -> { }))
                .isInstanceOf(IOException.class);
    }
}
