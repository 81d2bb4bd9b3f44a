package io.parley.embedded;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.ParleyComponent;

/** Lets tests in internal packages reach the graph of a server built by the public builder. */
public final class ParleyTestAccess {
  private ParleyTestAccess() {}

  public static ParleyComponent component(Parley parley) {
    return parley.component();
  }

  public static ServerConfig config(Parley parley) {
    return parley.config();
  }
}
