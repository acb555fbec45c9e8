package io.corral.agent.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A donor's export handler on a real JDK HTTP server, reached through the HTTP transport. */
class HttpTransferTest {
    private static final ShardRef SHARD = new ShardRef("db.t", 1);
    private final MemoryParticipant donor = new MemoryParticipant();
    private HttpServer server;
    private String url;

    @BeforeEach
    void serve() throws IOException {
        donor.write(SHARD, "a", "1");
        donor.write(SHARD, "b", "2");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(MoveExportHandler.PATH, new MoveExportHandler(donor,
                (moveId, shard) -> moveId.equals("m1") && shard.equals(SHARD)));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSnapshotAndItsChangesStreamWithPositionAndSizes() throws IOException {
        HttpMoveTransport transport = new HttpMoveTransport(5_000);
        try (Transfer t = transport.open(url, TransferRequest.snapshot("m1", SHARD, 17))) {
            assertThat(t.position()).isEqualTo(2);
            assertThat(t.itemsTotal()).isEqualTo(2);
            assertThat(new String(t.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a=1\nb=2\n");
            assertThat(t.bytesTotal()).isEqualTo(8);
        }
        assertThat(donor.fences.get(SHARD)).isEqualTo(17);
        donor.write(SHARD, "c", "3");
        try (Transfer t = transport.open(url, TransferRequest.changes("m1", SHARD, 2, 18))) {
            assertThat(t.position()).isEqualTo(3);
            assertThat(new String(t.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("c=3\n");
        }
        try (Transfer t = transport.open(url, TransferRequest.changes("m1", SHARD, 3, 18))) {
            assertThat(t.itemsTotal()).isZero();
            assertThat(t.body().readAllBytes()).isEmpty();
        }
    }

    @Test
    void aRequestForAnotherMoveOrAShardNotHeldIsRefused() {
        HttpMoveTransport transport = new HttpMoveTransport(5_000);
        assertThatThrownBy(() -> transport.open(url, TransferRequest.snapshot("m2", SHARD, 1)))
                .isInstanceOf(ShardUnavailableException.class).hasMessageContaining("not the donor");
        donor.drop(SHARD);
        assertThatThrownBy(() -> transport.open(url, TransferRequest.snapshot("m1", SHARD, 1)))
                .isInstanceOf(ShardUnavailableException.class).hasMessageContaining("not held");
        assertThatThrownBy(() -> transport.open("http://127.0.0.1:1", TransferRequest.snapshot("m1", SHARD, 1)))
                .isInstanceOf(IOException.class).hasMessageContaining("unreachable");
    }
}
