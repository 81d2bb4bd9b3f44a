package io.parley.embedded.internal.storage.jdbc;

/** A database call failed; the one operation that needed it fails (see the SPI contracts). */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
