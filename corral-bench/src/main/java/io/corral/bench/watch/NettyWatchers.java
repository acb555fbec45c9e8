package io.corral.bench.watch;

import io.corral.bench.load.NettyClientTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's watchers: long-polls and event streams of one workspace map, each on its own
 * keep-alive connection, over a few Netty event loops (epoll where it loads, as the coordinator uses it,
 * NIO otherwise) with Netty's HTTP/1.1 response decoder and nothing
 * else (no connection pool, no futures; requests are written as prepared bytes with only the index
 * filled in), so that the load generator, which shares the machine with the coordinator under test,
 * spends as little CPU per delivery as a client can.
 *
 * <p>A long-poll is done when its whole response has arrived; it then reports the version in the index
 * header (when it changed) and asks again with that index (Consul's loop). The next request is written
 * after the event loop has read what else is ready, as a client that handles the change first would.
 * A stream reports the id of every {@code change} event it completes ({@link SseScanner}). Any answer
 * other than 200 is counted in {@link #errors()}.
 */
final class NettyWatchers implements AutoCloseable {
    static final String WORKSPACE_MAP = "/api/v1/workspaces/default/shardmap";
    private static final String INDEX_MARK = "{index}";
    private final String host;
    private final int port;
    private final String authorization;
    /** A long-poll request up to its index, and after it. */
    private final byte[] pollHead;
    private final byte[] pollTail;
    private final EventLoopGroup loops;
    private final List<Channel> longPollChannels = new ArrayList<>();
    private final List<Channel> streamChannels = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean closing;

    NettyWatchers(String host, int port, String token, int threads) {
        this.host = host;
        this.port = port;
        this.authorization = "Bearer " + token;
        byte[] poll = get(WORKSPACE_MAP + "?index=" + INDEX_MARK + "&wait=5m");
        int mark = new String(poll, StandardCharsets.US_ASCII).indexOf(INDEX_MARK);
        this.pollHead = Arrays.copyOfRange(poll, 0, mark);
        this.pollTail = Arrays.copyOfRange(poll, mark + INDEX_MARK.length(), poll.length);
        this.loops = NettyClientTransport.eventLoops(threads);
    }

    /** Opens {@code count} long-polls waiting for a version after {@code index}. */
    void openLongPolls(int count, long index, Arrivals arrivals, AtomicInteger opened) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            connect(new LongPoll(index, arrivals, opened), longPollChannels);
        }
    }

    /** Opens {@code count} event streams. */
    void openStreams(int count, Arrivals arrivals, AtomicInteger opened) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            connect(new Stream(arrivals, opened), streamChannels);
        }
    }

    /** Answers other than 200 and failed connections so far. */
    long errors() {
        return errors.get();
    }

    /** Closes every stream's connection and waits until they are closed. */
    void closeStreams() {
        closeAll(streamChannels);
    }

    /** Closes every long-poll's connection and waits until they are closed. */
    void closeLongPolls() {
        closeAll(longPollChannels);
    }

    @Override
    public void close() {
        closing = true;
        closeStreams();
        closeLongPolls();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static void closeAll(List<Channel> channels) {
        synchronized (channels) {
            for (Channel ch : channels) {
                ch.close().syncUninterruptibly();
            }
            channels.clear();
        }
    }

    private void connect(SimpleChannelInboundHandler<HttpObject> watcher, List<Channel> channels)
            throws InterruptedException {
        Channel ch = new Bootstrap().group(loops)
                .channel(NettyClientTransport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpResponseDecoder(), watcher);
                    }
                })
                .connect(host, port).sync().channel();
        synchronized (channels) {
            channels.add(ch);
        }
    }

    /** The bytes of {@code GET <pathAndQuery> HTTP/1.1} with the host and authorization headers. */
    private byte[] get(String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: "
                + authorization + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One blocking query, asked again with the new index each time it is answered. */
    private final class LongPoll extends SimpleChannelInboundHandler<HttpObject> {
        private final Arrivals arrivals;
        private final AtomicInteger opened;
        private long index;
        private long answered;
        private boolean first = true;

        LongPoll(long index, Arrivals arrivals, AtomicInteger opened) {
            this.index = index;
            this.arrivals = arrivals;
            this.opened = opened;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ask(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse) {
                HttpResponse res = (HttpResponse) msg;
                String header = res.headers().get("X-Corral-Index");
                if (res.status().code() != 200 || header == null) {
                    errors.incrementAndGet();
                    answered = index;
                } else {
                    answered = Long.parseLong(header);
                }
            }
            if (msg instanceof LastHttpContent) {
                if (answered != index) {
                    arrivals.saw(answered);
                    index = answered;
                }
                ctx.channel().eventLoop().execute(() -> ask(ctx));
            }
        }

        private void ask(ChannelHandlerContext ctx) {
            if (closing) {
                return;
            }
            ByteBuf req = ctx.alloc().buffer(pollHead.length + 20 + pollTail.length);
            req.writeBytes(pollHead);
            ByteBufUtil.writeAscii(req, Long.toString(index));
            req.writeBytes(pollTail);
            ctx.writeAndFlush(req);
            if (first) {
                first = false;
                opened.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.incrementAndGet();
            ctx.close();
        }
    }

    /** One event stream of the map. */
    private final class Stream extends SimpleChannelInboundHandler<HttpObject> {
        private final SseScanner scanner;
        private final AtomicInteger opened;

        Stream(Arrivals arrivals, AtomicInteger opened) {
            this.scanner = new SseScanner(arrivals::saw);
            this.opened = opened;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(get(WORKSPACE_MAP + "/stream")));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse) {
                if (((HttpResponse) msg).status().code() == 200) {
                    opened.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }
            if (msg instanceof HttpContent) {
                scanner.feed(((HttpContent) msg).content());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.incrementAndGet();
            ctx.close();
        }
    }
}
