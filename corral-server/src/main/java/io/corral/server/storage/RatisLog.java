package io.corral.server.storage;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated log on Apache Ratis. The embedded default is a Raft group of one peer whose log and
 * snapshots live under {@code <dataDir>/raft}; a batch is acknowledged only once Ratis has flushed
 * it to disk and applied it. Snapshots are taken automatically every {@code snapshotEveryEntries}
 * entries and the log before them is purged, so a restart reads one snapshot and a bounded tail.
 *
 * <p>Batches are submitted straight to the local Raft server (no client, no loopback RPC), in the
 * order {@link #append} is called. A batch appended with the image its records produce is applied on
 * this leader by installing that image when the state machine's image is the one the batch was
 * built on, instead of decoding and replaying the bytes it was just given (see
 * {@link CorralStateMachine}); the bytes are still what is written and what followers and restarts
 * replay.
 */
public final class RatisLog implements ReplicatedLog {
    private static final Logger LOG = LoggerFactory.getLogger(RatisLog.class);
    /** One fixed group id: every Corral coordinator group is "the" group of its data directory. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("corral".getBytes(StandardCharsets.UTF_8)));

    private final CorralStateMachine stateMachine = new CorralStateMachine();
    private final RaftServer server;
    /** Identifies this process's own requests in the log entries it applies. */
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong nextCallId = new AtomicLong(1);

    /** How large a log segment file grows before the next one is started (default 32 MiB). */
    public static final long DEFAULT_SEGMENT_BYTES = 32L << 20;
    /** Purge after a snapshot only once this many entries (or fewer, see below) can go. */
    private static final long MAX_PURGE_GAP = 1024;

    /**
     * Settings of the log.
     *
     * @param segmentBytes the size at which a log segment is closed; only closed segments that a
     *                     snapshot covers are purged
     */
    public record Options(Path dir, String host, int port, String peerId, long snapshotEveryEntries,
                          long segmentBytes) {
        /** Options with the default segment size. */
        public Options(Path dir, String host, int port, String peerId, long snapshotEveryEntries) {
            this(dir, host, port, peerId, snapshotEveryEntries, DEFAULT_SEGMENT_BYTES);
        }
    }

    /** Starts the Raft server, formatting its storage on first start and recovering it afterwards. */
    public static RatisLog start(Options o) throws IOException {
        return new RatisLog(o);
    }

    private RatisLog(Options o) throws IOException {
        Files.createDirectories(o.dir());
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(o.dir().toFile()));
        GrpcConfigKeys.Server.setHost(p, o.host());
        GrpcConfigKeys.Server.setPort(p, o.port());
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf("64MB"));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(o.segmentBytes()));
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Ratis purges only when at least purge-gap entries can go (default 1024); with frequent
        // snapshots that would keep far more log than one snapshot interval, so purge at every snapshot.
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(MAX_PURGE_GAP, o.snapshotEveryEntries()));
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, o.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(150, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(300, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(50, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS));

        RaftPeer peer = RaftPeer.newBuilder().setId(o.peerId()).setAddress(o.host() + ":" + o.port()).build();
        RaftGroup group = RaftGroup.valueOf(GROUP_ID, peer);
        boolean exists = Files.isDirectory(o.dir().resolve(GROUP_ID.getUuid().toString()));
        this.server = RaftServer.newBuilder()
                .setServerId(peer.getId())
                .setGroup(group)
                .setProperties(p)
                .setStateMachine(stateMachine)
                .setOption(exists ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        stateMachine.recognise(clientId);
        server.start();
        LOG.info("Raft peer {} at {}:{} started ({} storage in {})", o.peerId(), o.host(), o.port(),
                exists ? "recovered" : "new", o.dir());
    }

    /** Waits until this peer leads and has applied its log, or the timeout passes. */
    public boolean awaitLeadership(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (isLeader()) {
                return true;
            }
            Thread.sleep(10);
        }
        return isLeader();
    }

    @Override
    public CompletableFuture<Void> append(byte[] framedBatch) {
        return submit(framedBatch, null);
    }

    @Override
    public CompletableFuture<Void> append(byte[] framedBatch, ClusterImage base, ClusterImage result) {
        return submit(framedBatch, new CorralStateMachine.Prepared(base, result));
    }

    private CompletableFuture<Void> submit(byte[] framedBatch, CorralStateMachine.Prepared prepared) {
        long callId = nextCallId.getAndIncrement();
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server.getId())
                .setGroupId(GROUP_ID)
                .setCallId(callId)
                // The controller never touches the array again: no copy.
                .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(framedBatch)))
                .setType(RaftClientRequest.writeRequestType())
                .build();
        if (prepared != null) {
            stateMachine.expect(callId, prepared);
        }
        CompletableFuture<RaftClientReply> reply;
        try {
            // Ratis 3.3 appends the request on its client executor and waits for that step before it
            // returns (RaftServerImpl.executeSubmitClientRequestAsync: supplyAsync(...).join()), so
            // batches submitted one after another by the controller take their log places in that order.
            reply = server.submitClientRequestAsync(request);
        } catch (IOException | RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((r, e) -> {
            if (e != null || !r.isSuccess()) {
                stateMachine.forget(callId);
                Throwable cause = e != null ? e : r.getException();
                throw new CorralException(ErrorCode.UNAVAILABLE, "the replicated log rejected the write: "
                        + (cause == null ? "unknown reason" : cause.getMessage()));
            }
            return null;
        });
    }

    /** How many batches were applied by installing the controller's image instead of replaying (for tests). */
    long batchesAppliedFromPreparedImage() {
        return stateMachine.preparedApplies();
    }

    /** How many batches came with a prepared image that did not fit the applied one (for tests; 0 expected). */
    long batchesWithMismatchedPreparedImage() {
        return stateMachine.preparedMismatches();
    }

    @Override
    public ClusterImage image() {
        return stateMachine.image();
    }

    @Override
    public boolean isLeader() {
        try {
            RaftServer.Division d = server.getDivision(GROUP_ID);
            return d.getInfo().isLeader() && d.getInfo().isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void onApplied(Consumer<ClusterImage> listener) {
        stateMachine.onApplied(listener);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft server failed", e);
        }
    }
}
