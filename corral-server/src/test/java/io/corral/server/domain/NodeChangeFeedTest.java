package io.corral.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.records.Replayer;
import io.corral.server.testing.ControllerHarness;
import org.junit.jupiter.api.Test;

/** What {@link NodeChangeFeed} promises: every node changed since the last call, or "look at all". */
class NodeChangeFeedTest {

    @Test
    void theFirstCallAsksForAFullLookThenOnlyNodesNamedByNewEventsAreReported() {
        try (ControllerHarness h = new ControllerHarness()) {
            h.register("a");
            h.register("b");
            NodeChangeFeed feed = new NodeChangeFeed();
            assertThat(feed.changedSince(h.image())).as("first call").isNull();
            assertThat(feed.changedSince(h.image())).as("nothing happened").isEmpty();

            h.run(new SetNodeStatus(Workspace.DEFAULT, "a", Lifecycle.DRAINING, "test"));
            h.register("c");
            h.run(new RemoveNode(Workspace.DEFAULT, "b", "test"));
            assertThat(feed.changedSince(h.image())).containsExactly("a", "c", "b");
            assertThat(feed.changedSince(h.image())).isEmpty();

            feed.reset();
            assertThat(feed.changedSince(h.image())).as("after a reset").isNull();
        }
    }

    @Test
    void eventsDroppedBeforeBeingSeenAskForAFullLook() {
        try (ControllerHarness h = new ControllerHarness()) {
            h.register("a");
            NodeChangeFeed feed = new NodeChangeFeed();
            feed.changedSince(h.image());
            // Distinct events (repeats would aggregate into one), more than the journal keeps.
            for (int i = 0; i <= Replayer.EVENT_RETENTION_COUNT; i++) {
                h.register("n" + i);
            }
            assertThat(feed.changedSince(h.image())).as("the journal no longer has every event since").isNull();
            assertThat(feed.changedSince(h.image())).isEmpty();
        }
    }
}
