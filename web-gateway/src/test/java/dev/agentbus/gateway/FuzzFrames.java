package dev.agentbus.gateway;

import static dev.agentbus.gateway.FuzzMessages.MAX;
import static dev.agentbus.gateway.RawWebSocket.BINARY;
import static dev.agentbus.gateway.RawWebSocket.CLOSE;
import static dev.agentbus.gateway.RawWebSocket.CONTINUATION;
import static dev.agentbus.gateway.RawWebSocket.PING;
import static dev.agentbus.gateway.RawWebSocket.PONG;
import static dev.agentbus.gateway.RawWebSocket.TEXT;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * WebSocket frames for the fuzzer: messages a client may send (whole or in fragments, with pings
 * between them), and sequences the gateway must answer with a close code: protocol violations
 * (1002), invalid UTF-8 (1007), messages over the size limit (1009), and a client's own close.
 */
final class FuzzFrames {

  /** One frame as written: any opcode, final bit, reserved bits, mask and payload. */
  record Frame(int opcode, boolean fin, int rsv, boolean masked, byte[] payload) {
    static Frame of(int opcode, byte[] payload) {
      return new Frame(opcode, true, 0, true, payload);
    }

    /** The header fields, the payload's length and its first bytes in hex. */
    @Override
    public String toString() {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < Math.min(payload.length, 24); i++) {
        hex.append(String.format("%02x", payload[i]));
      }
      return String.format(
          "Frame[opcode=%x fin=%s rsv=%d masked=%s length=%d payload=%s%s]",
          opcode, fin, rsv, masked, payload.length, hex, payload.length > 24 ? "..." : "");
    }
  }

  /**
   * Frames that carry one message (a {@code String} or {@code byte[]}), or only control frames
   * ({@code message} null).
   */
  record Action(String kind, List<Frame> frames, Object message) {}

  /** Frames after which the gateway must close the socket with {@code code}. */
  record Closing(String kind, List<Frame> frames, int code) {}

  private FuzzFrames() {}

  /** What a client may send on a socket it keeps: messages, whole or fragmented, and pings. */
  static Arbitrary<Action> actions() {
    Arbitrary<Action> texts =
        FuzzMessages.messages()
            .flatMap(
                message ->
                    whole(TEXT, message.text().getBytes(StandardCharsets.UTF_8))
                        .map(
                            (frames) ->
                                new Action(
                                    message.kind() + fragmented(frames), frames, message.text())));
    Arbitrary<byte[]> data =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.bytes().array(byte[].class).ofMaxSize(4096)),
            Tuple.of(1, Arbitraries.of(MAX - 1, MAX).map(FuzzFrames::filled)));
    Arbitrary<Action> binaries =
        data.flatMap(
            bytes ->
                whole(BINARY, bytes)
                    .map(frames -> new Action("binary" + fragmented(frames), frames, bytes)));
    Arbitrary<Action> controls =
        Combinators.combine(Arbitraries.of(PING, PONG), bytes(125))
            .as(
                (opcode, payload) ->
                    new Action(
                        opcode == PING ? "ping" : "unsolicited pong",
                        List.of(Frame.of(opcode, payload)),
                        null));
    return Arbitraries.frequencyOf(
        Tuple.of(12, texts), Tuple.of(2, binaries), Tuple.of(1, controls));
  }

  private static String fragmented(List<Frame> frames) {
    return frames.size() > 1 ? " (fragmented)" : "";
  }

  /** A message in one frame or, a third of the time, in fragments with pings between some. */
  private static Arbitrary<List<Frame>> whole(int opcode, byte[] payload) {
    Arbitrary<List<Frame>> fragments =
        Combinators.combine(
                Arbitraries.doubles().between(0, 1).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of(true, false).list().ofSize(5))
            .as((cuts, pings) -> fragments(opcode, payload, cuts, pings));
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(List.of(Frame.of(opcode, payload)))), Tuple.of(1, fragments));
  }

  /**
   * Splits a payload at the given fractions of its length (anywhere, inside a UTF-8 sequence too)
   * into a first frame and continuations; {@code pings.get(i)} puts a ping after fragment i.
   */
  static List<Frame> fragments(int opcode, byte[] payload, List<Double> cuts, List<Boolean> pings) {
    int[] at = cuts.stream().mapToInt(cut -> (int) (cut * payload.length)).sorted().toArray();
    List<Frame> frames = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= at.length; i++) {
      int to = i < at.length ? at[i] : payload.length;
      boolean last = i == at.length;
      frames.add(
          new Frame(
              i == 0 ? opcode : CONTINUATION,
              last,
              0,
              true,
              Arrays.copyOfRange(payload, from, to)));
      if (!last && pings.get(i % pings.size())) {
        frames.add(Frame.of(PING, "between".getBytes(StandardCharsets.US_ASCII)));
      }
      from = to;
    }
    return frames;
  }

  /** Frames RFC 6455 forbids, each of which must close the socket with 1002. */
  static Arbitrary<Closing> violations() {
    Arbitrary<byte[]> small = bytes(100);
    return Arbitraries.oneOf(
        Combinators.combine(
                Arbitraries.integers().between(1, 7), Arbitraries.of(TEXT, BINARY, PING), small)
            .as((rsv, op, p) -> violation("reserved bits set", new Frame(op, true, rsv, true, p))),
        Combinators.combine(Arbitraries.of(3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF), small)
            .as((op, p) -> violation("reserved opcode", Frame.of(op, p))),
        small.map(p -> violation("unmasked frame", new Frame(TEXT, true, 0, false, p))),
        small.map(p -> violation("continuation without a start", Frame.of(CONTINUATION, p))),
        Combinators.combine(Arbitraries.of(TEXT, BINARY), small)
            .as(
                (op, p) ->
                    violation(
                        "new message inside a fragmented one",
                        new Frame(TEXT, false, 0, true, "{".getBytes(StandardCharsets.UTF_8)),
                        Frame.of(op, p))),
        Combinators.combine(Arbitraries.of(PING, PONG, CLOSE), small)
            .as((op, p) -> violation("fragmented control frame", new Frame(op, false, 0, true, p))),
        Combinators.combine(Arbitraries.of(PING, PONG), Arbitraries.integers().between(126, 4000))
            .as((op, n) -> violation("control frame over 125 bytes", Frame.of(op, filled(n)))),
        bytes(1)
            .filter(p -> p.length == 1)
            .map(p -> violation("close frame of one byte", Frame.of(CLOSE, p))),
        invalidCloseCodes()
            .map(
                code ->
                    violation(
                        "close code " + kindOf(code), Frame.of(CLOSE, closePayload(code, "")))));
  }

  private static Closing violation(String kind, Frame... frames) {
    return new Closing(kind, List.of(frames), 1002);
  }

  private static Arbitrary<Integer> invalidCloseCodes() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 999),
        Arbitraries.of(1004, 1005, 1006, 1015),
        Arbitraries.integers().between(1016, 2999));
  }

  private static String kindOf(int code) {
    return code < 1000 ? "below 1000" : "reserved";
  }

  /** Text and binary messages over the limit, in one frame or in fragments: 1009. */
  static Arbitrary<Closing> oversized() {
    Arbitrary<Integer> sizes =
        Arbitraries.oneOf(
            Arbitraries.of(MAX + 1, 1_100_000, 2 * MAX, 2 * MAX + 1, 3 * MAX),
            Arbitraries.integers().between(MAX + 1, MAX + 100_000));
    return Combinators.combine(
            sizes,
            Arbitraries.of(TEXT, BINARY),
            Arbitraries.doubles().between(0, 1).list().ofMaxSize(4))
        .as(
            (size, opcode, cuts) -> {
              List<Frame> frames = fragments(opcode, filled(size), cuts, List.of(false));
              String kind =
                  (opcode == TEXT ? "text" : "binary")
                      + " over the limit"
                      + (frames.size() > 1 ? " (fragmented)" : " (one frame)");
              return new Closing(kind, frames, 1009);
            });
  }

  /** Text messages holding bytes that are not UTF-8, and close reasons that are not: 1007. */
  static Arbitrary<Closing> invalidUtf8() {
    Arbitrary<byte[]> invalid =
        Arbitraries.of(
                "C3 28",
                "A0 A1",
                "E2 28 A1",
                "E2 82 28",
                "F0 28 8C BC",
                "F0 90 28 BC",
                "F8 A1 A1 A1 A1",
                "FC A1 A1 A1 A1 A1",
                "FE",
                "FF",
                "C0 AF",
                "E0 80 AF",
                "ED A0 80",
                "ED BF BF",
                "F4 90 80 80",
                "E2 82")
            .map(FuzzFrames::hex);
    Arbitrary<Closing> messages =
        Combinators.combine(
                FuzzMessages.texts(40),
                invalid,
                FuzzMessages.texts(40),
                Arbitraries.doubles().between(0, 1).list().ofMaxSize(3))
            .as(
                (before, bad, after, cuts) -> {
                  ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                  bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
                  bytes.writeBytes(bad);
                  bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
                  List<Frame> frames = fragments(TEXT, bytes.toByteArray(), cuts, List.of(false));
                  return new Closing(
                      "invalid UTF-8 in a text message" + fragmented(frames), frames, 1007);
                });
    // Netty's decoder checks a close reason itself but lets one end inside a sequence (E2 82)
    Arbitrary<Closing> reasons =
        invalid
            .filter(bad -> bad.length != 2 || bad[0] != (byte) 0xE2)
            .map(
                bad -> {
                  byte[] payload =
                      ByteBuffer.allocate(2 + bad.length).putShort((short) 1000).put(bad).array();
                  return new Closing(
                      "invalid UTF-8 in a close reason", List.of(Frame.of(CLOSE, payload)), 1007);
                });
    return Arbitraries.frequencyOf(Tuple.of(4, messages), Tuple.of(1, reasons));
  }

  /** A client's close frame with a valid code (or none): the gateway answers with the same code. */
  static Arbitrary<Closing> clientCloses() {
    Arbitrary<Integer> codes =
        Arbitraries.oneOf(
            Arbitraries.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014),
            Arbitraries.integers().between(3000, 4999));
    Arbitrary<Closing> withCode =
        Combinators.combine(codes, FuzzMessages.texts(30))
            .as(
                (code, reason) -> {
                  byte[] payload = closePayload(code, reason);
                  return payload.length > 125
                      ? new Closing(
                          "client close", List.of(Frame.of(CLOSE, closePayload(code, ""))), code)
                      : new Closing("client close", List.of(Frame.of(CLOSE, payload)), code);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(5, withCode),
        Tuple.of(
            1,
            Arbitraries.just(
                new Closing(
                    "client close without a code", List.of(Frame.of(CLOSE, new byte[0])), 1000))));
  }

  static byte[] closePayload(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
  }

  private static Arbitrary<byte[]> bytes(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
  }

  private static byte[] filled(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'a');
    return bytes;
  }

  private static byte[] hex(String hex) {
    String[] parts = hex.split(" ");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return bytes;
  }
}
