package dev.agentbus.chat.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * The stand-in's way of cutting a text into deltas: the text ({@code (empty)} if it is empty) is
 * repeated, joined by one space, until it has at least {@code n} characters, and the result of
 * length {@code L} is cut into {@code n} slices, slice {@code k} running from {@code floor(k·L/n)}
 * to {@code floor((k+1)·L/n)}. Characters are Unicode code points, so that a delta never splits a
 * surrogate pair; for text in the Basic Multilingual Plane this is JavaScript's {@code
 * String.slice} on the same indexes.
 */
final class EchoSlices {

  private EchoSlices() {}

  /**
   * @param text the text to echo
   * @param n how many slices, at least 1
   * @return {@code n} non-empty slices that join to the repeated text
   */
  static List<String> of(String text, int n) {
    String unit = text.isEmpty() ? "(empty)" : text;
    int unitLength = unit.codePointCount(0, unit.length());
    StringBuilder full = new StringBuilder(unit);
    for (int length = unitLength; length < n; length += 1 + unitLength) {
      full.append(' ').append(unit);
    }
    int[] codePoints = full.codePoints().toArray();
    long total = codePoints.length;
    List<String> slices = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      int from = (int) (k * total / n);
      int to = (int) ((k + 1) * total / n);
      slices.add(new String(codePoints, from, to - from));
    }
    return slices;
  }
}
