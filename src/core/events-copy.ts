/**
 * The port through which `detect` and `watch` keep the local copy of the events they read (the
 * Parquet files `cloudward query --copy` reads). The copy writer lives in src/query/; the
 * commands hand it to the readers, which know only this shape.
 */

/** What the copy needs of an activity-log event: the shape every log source yields. */
export interface CopiableEvent {
  raw: Record<string, unknown>;
  ext: { record_type: string; source: { file: string } } & Record<string, unknown>;
  com: {
    cloud_type: string;
    account: string;
    region: string;
    time: string;
    actor: string | null;
    source_ip: string | null;
    action: string;
    outcome: string;
    reference: string;
    service: string;
  };
}

export interface EventsCopySink {
  /** queues the event; written with its batch (when the batch is full, on flush, on close) */
  add(event: CopiableEvent): Promise<void>;
  /** writes the queued events as new files of their days */
  flush(): Promise<void>;
  /** flushes, then releases the engine */
  close(): Promise<void>;
}
