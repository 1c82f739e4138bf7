package dev.agentbus.gateway.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Arrays;

/**
 * Enforces {@code maxMessageBytes} on a WebSocket's incoming bytes, in front of Netty's frame
 * decoder. Left to the decoder, a frame over its limit is a protocol violation: Vert.x 5 builds the
 * decoder with {@code closeOnProtocolViolation(false)} and closes the connection at once on its
 * error, so the client sees no close frame (1006). The gate reads only frame headers: it passes the
 * frames of a message within the limit untouched and, at the first frame that takes a message over
 * it, drops that frame's bytes and every later data frame as they arrive (nothing is buffered) and
 * has the socket closed with 1009. Control frames still pass, so the client's answering close frame
 * reaches Vert.x and the close handshake completes; the connection is not reset while the client is
 * still sending.
 *
 * <p>Sizes are counted on the wire; with permessage-deflate the decompressed message is also held
 * to the limit, by {@link MessageAssembler}. Runs on the connection's event loop.
 */
final class FrameSizeGate extends ChannelInboundHandlerAdapter {

  private static final int LONGEST_HEADER = 14;

  private final long max;
  private final Runnable tooBig;
  private final byte[] header = new byte[LONGEST_HEADER];
  private int headerLength;
  private long payloadLeft;
  private boolean dropping;
  private long messageLength;
  private boolean refusing;

  /**
   * @param max the largest message, in bytes
   * @param tooBig closes the socket with 1009; called once, on the event loop
   */
  FrameSizeGate(long max, Runnable tooBig) {
    this.max = max;
    this.tooBig = tooBig;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    int start = in.readerIndex();
    int end = in.writerIndex();
    int held = headerLength; // bytes of a header begun in an earlier read, not passed on yet
    int headerStart = start;
    int passFrom = start;
    int i = start;
    while (i < end) {
      if (payloadLeft > 0) {
        int n = (int) Math.min(payloadLeft, end - i);
        payloadLeft -= n;
        i += n;
        if (dropping) {
          passFrom = i;
        }
        continue;
      }
      if (headerLength == 0) {
        headerStart = i;
      }
      header[headerLength++] = in.getByte(i++);
      if (headerLength < headerSize()) {
        continue;
      }
      boolean wasRefusing = refusing;
      boolean pass = admit();
      headerLength = 0;
      if (pass) {
        if (held > 0) {
          ctx.fireChannelRead(Unpooled.wrappedBuffer(Arrays.copyOf(header, held)));
        }
      } else {
        pass(ctx, in, passFrom, headerStart);
        passFrom = i;
        if (!wasRefusing) {
          tooBig.run();
        }
      }
      held = 0;
    }
    int passTo = headerLength > 0 ? headerStart : end; // an unfinished header waits for the rest
    if (passFrom == start && passTo == end) {
      ctx.fireChannelRead(in);
    } else {
      pass(ctx, in, passFrom, passTo);
      in.release();
    }
  }

  private static void pass(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
    if (to > from) {
      ctx.fireChannelRead(in.retainedSlice(from, to - from));
    }
  }

  /** The length of the header being read, as far as its first two bytes tell. */
  private int headerSize() {
    if (headerLength < 2) {
      return 2;
    }
    int length = header[1] & 0x7F;
    int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    int mask = (header[1] & 0x80) != 0 ? 4 : 0;
    return 2 + extended + mask;
  }

  /** Reads the complete header: whether its frame passes; sets the payload to pass or drop. */
  private boolean admit() {
    int opcode = header[0] & 0x0F;
    boolean fin = (header[0] & 0x80) != 0;
    payloadLeft = payloadLength();
    if (opcode >= 8) {
      dropping = false; // control frames: the decoder checks them (at most 125 bytes)
      return true;
    }
    if (!refusing) {
      messageLength += payloadLeft;
      refusing = messageLength > max || messageLength < 0;
    }
    dropping = refusing;
    if (!refusing && fin) {
      messageLength = 0;
    }
    return !refusing;
  }

  private long payloadLength() {
    int length = header[1] & 0x7F;
    if (length < 126) {
      return length;
    }
    if (length == 126) {
      return ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    }
    long value = 0;
    for (int b = 2; b < 10; b++) {
      value = (value << 8) | (header[b] & 0xFF);
    }
    return value < 0 ? Long.MAX_VALUE : value; // the top bit must be 0: treat it as too big
  }
}
