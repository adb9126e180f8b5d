package dev.nplusone.internal;

/** Lets tests in other packages reset what {@link Config} caches. */
public final class ConfigTestAccess {
  private ConfigTestAccess() {}

  public static void reloadClasspathFile() {
    Config.reloadClasspathFile();
  }
}
