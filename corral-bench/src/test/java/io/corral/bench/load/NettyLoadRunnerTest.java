package io.corral.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NettyLoadRunnerTest {

    /** Connection {@code c} always sends {@code GET <prefix>/<c>}. */
    private record PathPerConnection(String prefix) implements RawWorkload {
        @Override
        public String kind() {
            return "probe";
        }

        @Override
        public int expectedStatus() {
            return 200;
        }

        @Override
        public ByteBuf next(int connection) {
            return Unpooled.copiedBuffer("GET " + prefix + "/" + connection + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                    StandardCharsets.US_ASCII);
        }
    }

    @Test
    void eachConnectionRunsItsOwnClosedLoopOnOneKeepAliveConnection() throws Exception {
        try (RecordingServer server = new RecordingServer();
             NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", server.port(), 2)) {
            LoadResult r = runner.runFor(new PathPerConnection("/ok"), 3, 100, 300, WindowListener.NONE);

            assertThat(r.total().errors()).isZero();
            assertThat(r.total().successes()).isPositive();
            assertThat(r.byKind()).containsOnlyKeys("probe");
            assertThat(r.byKind().get("probe").successes()).isEqualTo(r.total().successes());
            assertThat(r.inFlight()).isEqualTo(3);
            // Requests are counted only inside the window; the warm-up's and the drain's are not.
            assertThat(server.received().size()).isGreaterThan((int) r.total().successes());
            Map<String, Set<Integer>> portsByPath = server.received().stream().collect(Collectors.groupingBy(
                    RecordingServer.Received::path,
                    Collectors.mapping(RecordingServer.Received::clientPort, Collectors.toSet())));
            assertThat(portsByPath).containsOnlyKeys("/ok/0", "/ok/1", "/ok/2");
            assertThat(portsByPath.values()).allSatisfy(ports -> assertThat(ports).hasSize(1));
            assertThat(portsByPath.values().stream().flatMap(Set::stream).distinct().count()).isEqualTo(3);
        }
    }

    @Test
    void anUnexpectedStatusIsCountedAsAnErrorNotASuccess() throws Exception {
        try (RecordingServer server = new RecordingServer();
             NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", server.port(), 1)) {
            LoadResult r = runner.runFor(new PathPerConnection("/fail"), 2, 50, 200, WindowListener.NONE);

            assertThat(r.total().successes()).isZero();
            assertThat(r.total().errors()).isPositive();
            assertThat(r.total().errorsByCause()).containsOnlyKeys("HTTP 503");
        }
    }

    @Test
    void aConnectionTheServerClosesIsCountedAndOpenedAgain() throws Exception {
        try (RecordingServer server = new RecordingServer();
             NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", server.port(), 1)) {
            LoadResult r = runner.runFor(new PathPerConnection("/close"), 1, 50, 300, WindowListener.NONE);

            assertThat(r.total().errorsByCause()).containsKey("connection closed");
            assertThat(r.total().successes()).isGreaterThan(1); // it went on after the first close
            long connections = server.received().stream().map(RecordingServer.Received::clientPort).distinct()
                    .count();
            assertThat(connections).isGreaterThan(1);
        }
    }

    @Test
    void anAnswerThatIsNotHttpIsCountedAsMalformedAndTheConnectionOpenedAgain() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", server.getLocalPort(), 1)) {
            AtomicInteger accepted = new AtomicInteger();
            Thread garbage = new Thread(() -> answerGarbage(server, accepted));
            garbage.setDaemon(true);
            garbage.start();

            LoadResult r = runner.runFor(new PathPerConnection("/ok"), 1, 50, 300, WindowListener.NONE);

            assertThat(r.total().successes()).isZero();
            assertThat(r.total().errorsByCause()).containsOnlyKeys("malformed response");
            assertThat(accepted.get()).isGreaterThan(1);
        }
    }

    /** Accepts connections until the socket is closed; answers each one's first read with a line that is not HTTP. */
    private static void answerGarbage(ServerSocket server, AtomicInteger accepted) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                accepted.incrementAndGet();
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write("this is not http\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.getInputStream().read(); // until the client closes
            } catch (IOException e) {
                // the client went away or the test closed the socket
            }
        }
    }
}
