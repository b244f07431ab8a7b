package dev.aftersales.cases;

import org.springframework.dao.DuplicateKeyException;

/** How a unique key of the case store shows through the layers a save goes through. */
public final class DuplicateKeys {

  private DuplicateKeys() {}

  /** Whether a unique key refused the write: two deliveries of the same request raced each other. */
  public static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DuplicateKeyException) {
        return true;
      }
    }
    return false;
  }
}
