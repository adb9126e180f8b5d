package com.example.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Line numbers of marked lines in the test sources, to check call sites exactly. */
final class SourceLines {
  private SourceLines() {}

  static int line(String file, String marker) {
    try {
      List<String> lines = Files.readAllLines(Path.of("src/test/java/com/example/shop", file));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("// " + marker)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError(marker + " not found in " + file);
  }
}
