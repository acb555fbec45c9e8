package io.corral.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A closed-loop HTTP/1.1 load generator that spends as little CPU per request as a client can, so that
 * on a machine it shares with the server under test the server, not the generator, is the bottleneck:
 * Netty event loops (epoll where it loads, as the servers use it, NIO otherwise), one keep-alive
 * connection per in-flight request (no pool, no pipelining, no futures), requests written as prepared
 * bytes ({@link RawWorkload}) and answers read with Netty's HTTP/1.1 response decoder. Each connection
 * sends its next request as soon as the previous answer has arrived completely; latency is measured from
 * writing a request until the last byte of its answer. A connection the server closes, or whose answer
 * is not HTTP, is counted as an error and opened again.
 */
public final class NettyLoadRunner implements AutoCloseable {
    private static final long DRAIN_TIMEOUT_MS = 60_000;
    private static final long RECONNECT_AFTER_MS = 10;

    private final String host;
    private final int port;
    private final EventLoopGroup loops;

    public NettyLoadRunner(String host, int port, int threads) {
        this.host = host;
        this.port = port;
        this.loops = NettyClientTransport.eventLoops(threads);
    }

    /**
     * Opens {@code connections} connections, runs {@code workload} on them for {@code warmupMs} uncounted,
     * then counts what completes in {@code measureMs}, telling {@code listener} when that window opens and
     * closes; the connections are closed afterwards.
     */
    public LoadResult runFor(RawWorkload workload, int connections, long warmupMs, long measureMs,
                             WindowListener listener) throws Exception {
        Run run = new Run(workload, connections);
        List<Connection> opened = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            opened.add(run.open(i));
        }
        for (Connection c : opened) {
            c.channel.eventLoop().execute(c::send);
        }
        Thread.sleep(warmupMs);
        listener.windowOpened();
        long startedNanos = System.nanoTime();
        run.phase.measure();
        Thread.sleep(measureMs);
        run.phase.stop();
        long windowNanos = System.nanoTime() - startedNanos;
        listener.windowClosed();
        if (!run.finished.await(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("requests still in flight " + DRAIN_TIMEOUT_MS + " ms after the run");
        }
        run.closeAll();
        return run.result(windowNanos);
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The connections of one run, their phase, and the statistics of each event loop. */
    private final class Run {
        final RawWorkload workload;
        final int connections;
        final RunPhase phase = new RunPhase(false);
        /** Counted down once per connection index, when it has stopped sending. */
        final CountDownLatch finished;
        /** One {@link KindStats} per event loop, made on this thread before the loop's first request. */
        final Map<EventLoop, KindStats> statsByLoop = new IdentityHashMap<>();
        final List<Channel> channels = new ArrayList<>();
        final Bootstrap bootstrap;

        Run(RawWorkload workload, int connections) {
            this.workload = workload;
            this.connections = connections;
            this.finished = new CountDownLatch(connections);
            this.bootstrap = new Bootstrap().group(loops)
                    .channel(NettyClientTransport.channelClass())
                    .option(ChannelOption.TCP_NODELAY, true);
        }

        /** Opens connection {@code index}, waiting until it is connected; it sends once told to. */
        Connection open(int index) throws InterruptedException {
            Connection c = new Connection(this, index, false);
            Channel ch = connect(c).sync().channel();
            c.attach(ch, statsByLoop.computeIfAbsent(ch.eventLoop(), loop -> new KindStats()));
            return c;
        }

        /** Opens connection {@code index} again after its channel closed; it sends as soon as it is connected. */
        void reopen(int index, KindStats stats) {
            Connection c = new Connection(this, index, true);
            c.stats = stats;
            connect(c).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    return; // the connection sends once active
                }
                if (phase.stopped()) {
                    finished.countDown();
                } else {
                    if (phase.counting()) {
                        stats.error(f.cause().getClass().getSimpleName(), String.valueOf(f.cause().getMessage()));
                    }
                    f.channel().eventLoop().schedule(() -> reopen(index, stats), RECONNECT_AFTER_MS,
                            TimeUnit.MILLISECONDS);
                }
            });
        }

        private ChannelFuture connect(Connection c) {
            ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpResponseDecoder(), c);
                }
            }).connect(host, port);
            synchronized (channels) {
                channels.add(f.channel());
            }
            return f;
        }

        void closeAll() {
            synchronized (channels) {
                for (Channel ch : channels) {
                    ch.close().syncUninterruptibly();
                }
                channels.clear();
            }
        }

        LoadResult result(long windowNanos) {
            KindStats total = new KindStats();
            for (KindStats s : statsByLoop.values()) {
                total.add(s);
            }
            return new LoadResult(windowNanos, connections, Map.of(workload.kind(), total), total, false);
        }
    }

    /** One connection's closed loop: a request, its answer, the next request. Runs on its channel's loop. */
    private static final class Connection extends SimpleChannelInboundHandler<HttpObject> {
        private final Run run;
        private final int index;
        private final boolean sendWhenActive;
        private Channel channel;
        private KindStats stats;
        private long sentNanos;
        private int status;
        private boolean done;

        Connection(Run run, int index, boolean sendWhenActive) {
            this.run = run;
            this.index = index;
            this.sendWhenActive = sendWhenActive;
        }

        void attach(Channel ch, KindStats loopStats) {
            this.channel = ch;
            this.stats = loopStats;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (sendWhenActive) {
                channel = ctx.channel();
                send();
            }
        }

        /** Sends the next request, or finishes this connection once the run has stopped. */
        void send() {
            if (run.phase.stopped()) {
                finish();
                return;
            }
            sentNanos = System.nanoTime();
            channel.writeAndFlush(run.workload.next(index));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg.decoderResult().isFailure()) {
                lost(ctx, "malformed response", String.valueOf(msg.decoderResult().cause().getMessage()));
                return;
            }
            if (msg instanceof HttpResponse res) {
                status = res.status().code();
            }
            if (msg instanceof LastHttpContent) {
                long latencyNanos = System.nanoTime() - sentNanos;
                if (run.phase.counting()) {
                    if (status == run.workload.expectedStatus()) {
                        stats.success(latencyNanos);
                    } else {
                        stats.error("HTTP " + status, "HTTP " + status);
                    }
                }
                send();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lost(ctx, "connection closed", "the server closed a connection before the run ended");
        }

        /**
         * Counts an error of {@code cause} (while counting), closes the channel and opens a new connection for
         * this index, unless the run has stopped.
         */
        private void lost(ChannelHandlerContext ctx, String cause, String detail) {
            if (done) {
                return;
            }
            done = true; // the channel's end is no longer news; a new connection takes over this index
            ctx.close();
            if (run.phase.stopped()) {
                run.finished.countDown();
                return;
            }
            if (run.phase.counting()) {
                stats.error(cause, detail);
            }
            ctx.channel().eventLoop().schedule(() -> run.reopen(index, stats), RECONNECT_AFTER_MS,
                    TimeUnit.MILLISECONDS);
        }

        private void finish() {
            if (!done) {
                done = true;
                run.finished.countDown();
            }
        }
    }
}
