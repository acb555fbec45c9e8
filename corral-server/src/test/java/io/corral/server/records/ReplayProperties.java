package io.corral.server.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateApiKey;
import io.corral.server.commands.CreateWorkspace;
import io.corral.server.commands.DeleteWorkspace;
import io.corral.server.commands.MarkNodeInactive;
import io.corral.server.commands.NodePatch;
import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.ReviveNode;
import io.corral.server.commands.RevokeApiKey;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.commands.UpdateNode;
import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Role;
import io.corral.server.domain.Workspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Replay is a pure, total function: for random command sequences the records they produce replay to
 * the same image every time (also after a trip through the log encoding), the image keeps its
 * invariants, and no sequence of well-formed records, however contradictory, makes replay throw.
 */
class ReplayProperties {
    private static final List<String> IDS = List.of("a", "b", "c", "web-1", "0", "1", "2", "3", "5", "100",
            "9223372036854775806", "9223372036854775807", "18446744073709551615");
    private static final List<String> WORKSPACES = List.of(Workspace.DEFAULT, "w1", "w2");

    enum Kind { REGISTER, UPSERT, REGISTER_ANY_ID, REMOVE, SET_STATUS, MARK_INACTIVE, REVIVE, UPDATE, CREATE_WS,
        DELETE_WS, CREATE_KEY, REVOKE_KEY }

    /**
     * One step of a random script; the command is built from it against the current image. Metadata
     * values are of the types JSON parsing yields (a small number is an Integer), as they are when they
     * come from the API.
     */
    record Step(Kind kind, String id, String workspace, Lifecycle status, boolean monitored, long advanceMs,
                int batchBreak) {

        Command<?> command() {
            return switch (kind) {
                case REGISTER, UPSERT -> new RegisterNode(spec(id), "secret", kind == Kind.UPSERT);
                case REGISTER_ANY_ID -> new RegisterNode(spec(null), "secret", false);
                case REMOVE -> new RemoveNode(workspace, id, "script");
                case SET_STATUS -> new SetNodeStatus(workspace, id, status, "script " + status.wire());
                case MARK_INACTIVE -> new MarkNodeInactive(id, status, advanceMs);
                case REVIVE -> new ReviveNode(id);
                case UPDATE -> new UpdateNode(workspace, id, new NodePatch("n-" + advanceMs,
                        Map.of("step", Long.toString(advanceMs)), null, Map.of("n", (int) advanceMs), null, null,
                        new NodeAddresses("http://x:" + advanceMs, null, null), null));
                case CREATE_WS -> new CreateWorkspace(workspace, null, null, null);
                case DELETE_WS -> new DeleteWorkspace(workspace);
                case CREATE_KEY -> new CreateApiKey("k-" + id, "key " + id,
                        monitored ? Role.ADMIN : Role.VIEWER, Set.of(monitored ? ApiKey.ALL_WORKSPACES : workspace),
                        "hash-" + id);
                case REVOKE_KEY -> new RevokeApiKey("k-" + id);
            };
        }

        private NodeSpec spec(String nodeId) {
            return new NodeSpec(nodeId, workspace, null, "worker", null, Map.of("s", status.wire()), null, null, null,
                    1.0, status, Map.of("t", (int) advanceMs), null, null, null, monitored);
        }
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.of(IDS),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.just(Workspace.DEFAULT)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(WORKSPACES))),
                Arbitraries.of(Lifecycle.class),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 60_000),
                Arbitraries.integers().between(0, 3)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(120);
    }

    /** The result of running a script: the batches written, the image after each, and what it checked. */
    private record Run(List<List<Record>> batches, ClusterImage image) {
    }

    private static Run run(List<Step> steps) {
        ClusterImage img = ClusterImage.empty();
        List<List<Record>> batches = new ArrayList<>();
        List<Record> batch = new ArrayList<>();
        Set<Long> seqsEverAssigned = new HashSet<>();
        long now = 1_700_000_000_000L;
        ClusterImage working = img;
        for (Step s : steps) {
            now += s.advanceMs();
            Outcome<?> outcome;
            try {
                outcome = s.command().execute(working, new CommandContext(now, "key:prop"));
            } catch (CorralException rejected) {
                continue;
            }
            ClusterImage before = working;
            for (Record r : outcome.records()) {
                working = Replayer.apply(working, r);
            }
            checkReplyIsApplied(outcome, before, working, seqsEverAssigned);
            checkInvariants(working);
            batch.addAll(outcome.records());
            if (s.batchBreak() == 0 && !batch.isEmpty()) {
                img = Replayer.apply(img, batch, batches.size() + 1);
                batches.add(List.copyOf(batch));
                batch.clear();
                // The committed image is the working image the later commands were validated against.
                assertThat(img.nodes()).isEqualTo(working.nodes());
                assertThat(img.events()).isEqualTo(working.events());
                assertThat(img.nextNodeSeq()).isEqualTo(working.nextNodeSeq());
                working = img;
            }
        }
        if (!batch.isEmpty()) {
            img = Replayer.apply(img, batch, batches.size() + 1);
            batches.add(List.copyOf(batch));
        }
        return new Run(batches, img);
    }

    /** What a command told its caller is what replaying its records did. */
    private static void checkReplyIsApplied(Outcome<?> outcome, ClusterImage before, ClusterImage after,
                                            Set<Long> seqsEverAssigned) {
        if (outcome.reply() instanceof RegisterNode.Registration reg) {
            Node n = after.nodes().get(reg.node().id());
            assertThat(n).as("registered node %s is in the image", reg.node().id()).isNotNull();
            assertThat(n.seq()).isEqualTo(reg.node().seq());
            assertThat(n.status()).isEqualTo(reg.node().status());
            if (!before.nodes().containsKey(n.id())) {
                assertThat(seqsEverAssigned).as("seq %d of new node %s was never used before", n.seq(), n.id())
                        .doesNotContain(n.seq());
                seqsEverAssigned.add(n.seq());
            }
        }
        for (Record r : outcome.records()) {
            if (r instanceof NodeRegistered nr) {
                seqsEverAssigned.add(nr.node().seq());
            }
        }
    }

    private static void checkInvariants(ClusterImage img) {
        assertThat(img.nodeIdBySeq()).hasSameSizeAs(img.nodes());
        for (Node n : img.nodes().values()) {
            assertThat(img.nodeIdBySeq().get(n.seq())).isEqualTo(n.id());
            assertThat(img.nextNodeSeq()).as("next seq is above %s's %d", n.id(), n.seq()).isGreaterThan(n.seq());
            assertThat(n.status() == Lifecycle.INACTIVE || n.resumeStatus() == null)
                    .as("only an inactive node has a state to resume: %s", n).isTrue();
        }
        if (!img.events().isEmpty()) {
            assertThat(img.nextEventSeq()).isGreaterThan(img.events().lastKey());
        }
    }

    private static ClusterImage replay(List<List<Record>> batches) {
        ClusterImage img = ClusterImage.empty();
        for (int i = 0; i < batches.size(); i++) {
            img = Replayer.apply(img, batches.get(i), i + 1);
        }
        return img;
    }

    @Property(tries = 300)
    void replayOfACommandScriptIsDeterministicAndSurvivesTheCodec(@ForAll("scripts") List<Step> steps) {
        Run run = run(steps);

        assertThat(replay(run.batches())).isEqualTo(run.image());
        assertThat(replay(run.batches())).isEqualTo(replay(run.batches()));
        List<List<Record>> decoded = new ArrayList<>();
        for (List<Record> b : run.batches()) {
            decoded.add(RecordCodec.decodeBatch(RecordCodec.encodeBatch(b)));
        }
        assertThat(decoded).isEqualTo(run.batches());
        assertThat(replay(decoded)).isEqualTo(run.image());
        checkInvariants(run.image());
    }

    @Provide
    Arbitrary<List<Record>> arbitraryRecords() {
        Arbitrary<String> ids = Arbitraries.of(IDS);
        Arbitrary<Long> seqs = Arbitraries.oneOf(Arbitraries.longs().between(-2, 20),
                Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE));
        Arbitrary<Lifecycle> statuses = Arbitraries.of(Lifecycle.class).injectNull(0.2);
        Arbitrary<String> workspaces = Arbitraries.of(WORKSPACES);
        Arbitrary<Long> times = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Node> nodes = Combinators.combine(ids, seqs, workspaces, statuses, statuses, times)
                .as((id, seq, ws, st, resume, t) -> new Node(id, seq, ws, id, "worker", NodeAddresses.NONE, Map.of(),
                        List.of(), null, null, 1.0, st == null ? Lifecycle.ACTIVE : st, resume, null, Map.of(), null,
                        null, null, true, null, t, t, t));
        Arbitrary<Record> record = Arbitraries.oneOf(
                Combinators.combine(nodes, times).as((n, t) -> new NodeRegistered(n, t, "a")),
                Combinators.combine(nodes, times).as((n, t) -> new NodeUpdated(n, "x", t, "a")),
                Combinators.combine(ids, statuses, statuses, times)
                        .as((id, st, resume, t) -> new NodeStatusChanged(id, st == null ? Lifecycle.FAILED : st,
                                resume, null, t, "a")),
                Combinators.combine(ids, times).as((id, t) -> new NodeRemoved(id, null, t, "a")),
                Combinators.combine(workspaces, times)
                        .as((ws, t) -> new WorkspaceCreated(new Workspace(ws, ws, null, Map.of(), t), t, "a")),
                Combinators.combine(workspaces, times).as((ws, t) -> new WorkspaceDeleted(ws, t, "a")),
                Combinators.combine(ids, workspaces, times).as((id, ws, t) -> new ApiKeyCreated(
                        new ApiKey(id, id, Role.VIEWER, Set.of(ws), "h", t, "a"), t, "a")),
                Combinators.combine(ids, times).as((id, t) -> new ApiKeyRevoked(id, t, "a")));
        return record.list().ofMaxSize(200);
    }

    @Property(tries = 500)
    void replayIsTotalForAnyWellFormedRecords(@ForAll("arbitraryRecords") List<Record> records) {
        ClusterImage a = Replayer.apply(ClusterImage.empty(), records, 1);
        ClusterImage b = Replayer.apply(ClusterImage.empty(), RecordCodec.decodeBatch(RecordCodec.encodeBatch(records)),
                1);
        assertThat(b).isEqualTo(a);
        assertThat(a.appliedIndex()).isEqualTo(1);
    }
}
