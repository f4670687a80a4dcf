/// The province's tables and views (Docs/PROVINCE.md), created in the address's schema.
///
/// `journal_events` holds each centre's journal lines byte for byte, keyed by (agency, seq), with
/// the hash each line chains from; everything else is derived from it in SQL. `centres` is the
/// replication cursor: a batch's rows and its new `last_seq` commit in one transaction.
enum ProvinceSchema {
    /// Header keys of a journal line; any other top-level key is the line's body (`ev`, `admin`, or
    /// a kind a later version adds), whose name becomes `kind` when it has no `k` of its own.
    static let headerKeys = "'seq','at','by','entered','as','tty','op','opd','d','code','base','sv','prev','h'"

    static func statements(_ s: String) -> [String] {
        [
            "CREATE SCHEMA IF NOT EXISTS \(s)",
            """
            CREATE TABLE IF NOT EXISTS \(s).centres (
                agency     text PRIMARY KEY,
                name       text NOT NULL,
                last_seq   bigint NOT NULL DEFAULT 0,
                last_hash  text NOT NULL DEFAULT '',
                updated_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS \(s).journal_events (
                agency    text NOT NULL REFERENCES \(s).centres (agency),
                seq       bigint NOT NULL,
                at        timestamptz NOT NULL,
                by        text NOT NULL,
                dossier   uuid,
                code      text,
                kind      text NOT NULL,
                line      text NOT NULL,
                hash      text NOT NULL,
                prev_hash text NOT NULL,
                PRIMARY KEY (agency, seq)
            )
            """,
            // Every way a centre's rows can fail to be its journal: a gap, a link to the wrong
            // predecessor, a line whose text no longer gives its hash (SHA-256 as the store computes it).
            """
            CREATE OR REPLACE VIEW \(s).chain_breaks AS
            SELECT agency, seq, reason FROM (
                SELECT agency, seq, hash, prev_hash, line,
                       lag(seq, 1, 0::bigint) OVER w AS before_seq,
                       lag(hash, 1, '') OVER w AS before_hash
                FROM \(s).journal_events
                WINDOW w AS (PARTITION BY agency ORDER BY seq)
            ) AS e
            CROSS JOIN LATERAL (VALUES
                (CASE WHEN seq <> before_seq + 1 THEN 'seq' END),
                (CASE WHEN prev_hash <> before_hash THEN 'prev_hash' END),
                (CASE WHEN right(line, 40) <> ',"h":"' || hash || '"}'
                        OR left(encode(sha256(convert_to(prev_hash || left(line, length(line) - 40), 'UTF8')), 'hex'), 32) <> hash
                      THEN 'hash' END)
            ) AS r(reason)
            WHERE reason IS NOT NULL
            """,
            // One row per centre: ok when the rows are exactly seq 1…last_seq, chained, ending at last_hash.
            """
            CREATE OR REPLACE VIEW \(s).centre_check AS
            SELECT c.agency, c.name, c.last_seq,
                   count(e.seq) AS events,
                   coalesce(max(e.seq), 0) AS max_seq,
                   (SELECT count(*) FROM \(s).chain_breaks b WHERE b.agency = c.agency) AS breaks,
                   coalesce((SELECT h.hash FROM \(s).journal_events h WHERE h.agency = c.agency ORDER BY h.seq DESC LIMIT 1), '')
                       = c.last_hash AS head_matches
            FROM \(s).centres c LEFT JOIN \(s).journal_events e ON e.agency = c.agency
            GROUP BY c.agency, c.name, c.last_seq, c.last_hash
            """,
            // Dossier-level views for SQL readers: no applicant's name, ID number or phone in them.
            // The deadline figures themselves come from Core's fold (ProvinceReader), not from SQL.
            """
            CREATE OR REPLACE VIEW \(s).dossier_events AS
            SELECT agency, seq, at, by, dossier, code, kind, (line::jsonb) -> 'ev' AS ev
            FROM \(s).journal_events WHERE dossier IS NOT NULL
            """,
            """
            CREATE OR REPLACE VIEW \(s).dossiers AS
            SELECT agency, dossier,
                   (array_agg(code ORDER BY seq DESC))[1] AS code,
                   (array_agg(ev -> 'reception' -> 'procedure' ->> 'code' ORDER BY seq) FILTER (WHERE ev ? 'reception'))[1] AS procedure,
                   (array_agg(ev -> 'reception' ->> 'channel' ORDER BY seq) FILTER (WHERE ev ? 'reception'))[1] AS channel,
                   min(at) FILTER (WHERE kind IN ('received', 'submitted')) AS received_at,
                   (array_agg((ev ->> 'due')::timestamptz ORDER BY seq DESC) FILTER (WHERE ev ? 'due'))[1] AS due,
                   (array_agg(kind ORDER BY seq DESC) FILTER (WHERE kind <> 'note'))[1] AS last_kind,
                   max(at) FILTER (WHERE kind = 'returned') AS returned_at,
                   count(*) AS events
            FROM \(s).dossier_events
            GROUP BY agency, dossier
            """,
        ]
    }

    /// One batch's rows from four parallel arrays (seq, line, hash, prev_hash); the columns
    /// beside `line` are read out of it here, by the database, so no second parser decides them.
    static func insertBatch(_ s: String) -> String {
        """
        INSERT INTO \(s).journal_events (agency, seq, at, by, dossier, code, kind, line, hash, prev_hash)
        SELECT $1, t.seq, (p.j ->> 'at')::timestamptz, p.j ->> 'by', (p.j ->> 'd')::uuid, p.j ->> 'code',
               coalesce(p.j -> 'ev' ->> 'k', 'admin.' || (p.j -> 'admin' ->> 'k'),
                        (SELECT min(key) FROM jsonb_object_keys(p.j) AS key WHERE key NOT IN (\(headerKeys))), 'unknown'),
               t.line, t.hash, t.prev_hash
        FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS t(seq, line, hash, prev_hash)
        CROSS JOIN LATERAL (SELECT t.line::jsonb AS j) AS p
        """
    }
}
