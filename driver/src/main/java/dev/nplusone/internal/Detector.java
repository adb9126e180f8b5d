package dev.nplusone.internal;

/**
 * PLACEHOLDER for the detector (issue 4): hands each configuration the recorder its statements
 * report to.
 */
public final class Detector {
  private Detector() {}

  /** The recorder for connections made with {@code config}. */
  public static Recorder recorder(Config config) {
    return Recorder.NONE;
  }
}
