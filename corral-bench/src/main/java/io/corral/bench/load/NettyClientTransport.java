package io.corral.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The transport of the load generator's Netty clients: epoll where its native library loads (as the
 * servers under test use it), Java NIO otherwise. Event loops and channels always come from the same one.
 */
public final class NettyClientTransport {
    private NettyClientTransport() {
    }

    /** {@code threads} event loops of the transport. */
    public static EventLoopGroup eventLoops(int threads) {
        return new MultiThreadIoEventLoopGroup(threads,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The client socket channel class that goes with {@link #eventLoops}. */
    public static Class<? extends SocketChannel> channelClass() {
        return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
