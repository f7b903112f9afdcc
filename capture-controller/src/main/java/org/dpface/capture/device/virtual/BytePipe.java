package org.dpface.capture.device.virtual;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.dpface.capture.transport.PortClosedException;

/**
 * A bounded one-way byte pipe with timed reads, the in-process stand-in for one direction of a serial
 * cable. Writers block while it is full; closing wakes everyone and fails later reads and writes.
 */
final class BytePipe {
  private final String name;
  private final byte[] ring;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private int head;
  private int size;
  private boolean closed;

  BytePipe(String name, int capacity) {
    this.name = name;
    this.ring = new byte[capacity];
  }

  /** Reads up to {@code len} bytes, waiting at most {@code timeoutMillis} for the first; 0 on timeout. */
  int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (size == 0) {
        if (closed) {
          throw new PortClosedException(name + " is closed");
        }
        if (nanos <= 0) {
          return 0;
        }
        nanos = readable.awaitNanos(nanos);
      }
      int n = Math.min(len, size);
      for (int i = 0; i < n; i++) {
        buf[off + i] = ring[(head + i) % ring.length];
      }
      head = (head + n) % ring.length;
      size -= n;
      writable.signalAll();
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortClosedException(name + ": interrupted");
    } finally {
      lock.unlock();
    }
  }

  void write(byte[] buf, int off, int len) throws IOException {
    lock.lock();
    try {
      for (int i = 0; i < len; i++) {
        while (size == ring.length) {
          if (closed) {
            throw new PortClosedException(name + " is closed");
          }
          writable.await();
        }
        if (closed) {
          throw new PortClosedException(name + " is closed");
        }
        ring[(head + size) % ring.length] = buf[off + i];
        size++;
      }
      readable.signalAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortClosedException(name + ": interrupted");
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
