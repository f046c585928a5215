import CaseModel
import Foundation

/// The server step that lets consoles write (docs/server-desk.md, "Writing to a server desk"):
/// desk roles may change rows only from a session that proved it runs a console holding the
/// desk's key, only rows they may see, and may only append to the trail, after its newest event
/// and under their own name.
extension ServerSchema {
    /// The tables whose new rows take `max(id) + 1` while some of their rows are hidden from some
    /// logins (`DeskWriteBasis.highestIds`).
    static let hiddenIdTables = ["cases", "alerts", "penalties"]

    /// The statements of step 2 (run inside the caller's transaction, after step 1's).
    static func consoleWritesSQL(_ tables: [DeskTable]) -> String {
        let staff = staffRole
        let withheld = DeskTransfer.withheldColumns["cases"] ?? []
        let cases = tables.first { $0.name == "cases" }
        let identifierColumns = cases?.columns.filter { withheld.contains($0.name) } ?? []
        let identifierList = identifierColumns.map { "c." + ident($0.name) }.joined(separator: ", ")
        let identifierTypes = identifierColumns.map { "\(ident($0.name)) \(serverType($0.type))" }.joined(separator: ", ")
        var s = """
        -- What proves a console: the digest of a secret derived from the desk's audit key (the
        -- owner's to set, read by nobody else), and a per-server key for session tokens.
        CREATE TABLE desk.console_verifier (
          one boolean PRIMARY KEY DEFAULT true CHECK (one),
          secret_digest bytea NOT NULL,
          token_key bytea NOT NULL
        );
        REVOKE ALL ON desk.console_verifier FROM PUBLIC;

        -- A session that shows the console secret gets a token bound to its backend and login;
        -- a setting holds it, so a read-only transaction can prove itself too.
        CREATE FUNCTION desk.console_login(secret bytea) RETURNS void
          LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
        DECLARE v desk.console_verifier; nonce text;
        BEGIN
          SELECT * INTO v FROM desk.console_verifier;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'this server desk has no console key yet: its owner sets it by moving a desk file onto it (console migrate)' USING ERRCODE = '42501';
          END IF;
          IF sha256(secret) IS DISTINCT FROM v.secret_digest THEN
            RAISE EXCEPTION 'the desk key given is not this server desk''s' USING ERRCODE = '42501';
          END IF;
          nonce := gen_random_uuid()::text;
          PERFORM set_config('desk.console_nonce', nonce, false);
          PERFORM set_config('desk.console_token',
            encode(sha256(v.token_key || convert_to(pg_backend_pid()::text || ':' || session_user::text || ':' || nonce, 'UTF8')), 'hex'), false);
        END $$;
        REVOKE ALL ON FUNCTION desk.console_login(bytea) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.console_login(bytea) TO \(staff);

        CREATE FUNCTION desk.console_proven() RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
          SELECT coalesce((SELECT current_setting('desk.console_token', true) =
            encode(sha256(v.token_key || convert_to(pg_backend_pid()::text || ':' || session_user::text || ':'
                   || coalesce(current_setting('desk.console_nonce', true), ''), 'UTF8')), 'hex')
            FROM desk.console_verifier v), false)
        $$;
        REVOKE ALL ON FUNCTION desk.console_proven() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.console_proven() TO \(staff);

        -- What the next write follows: the trail's newest event (which may be one the login may
        -- not read: a report case's) and the highest ids of tables with hidden rows.
        CREATE FUNCTION desk.write_basis() RETURNS TABLE (head_id bigint, head_hash bytea, \(hiddenIdTables.map { "\($0)_max bigint" }.joined(separator: ", ")))
          LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
        BEGIN
          IF NOT desk.console_proven() THEN
            RAISE EXCEPTION 'only a console holding the desk key may write' USING ERRCODE = '42501';
          END IF;
          RETURN QUERY SELECT (SELECT e.id FROM desk.events e ORDER BY e.id DESC LIMIT 1),
                              (SELECT e.hash FROM desk.events e ORDER BY e.id DESC LIMIT 1),
                              \(hiddenIdTables.map { "(SELECT max(t.id) FROM desk.\(ident($0)) t)" }.joined(separator: ",\n                              "));
        END $$;
        REVOKE ALL ON FUNCTION desk.write_basis() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.write_basis() TO \(staff);

        -- The complainant's identifiers of cases the login sees, for a console's copy: its
        -- writes record whole rows in the trail, so it must hold them; psql without the key
        -- gets nothing.
        CREATE FUNCTION desk.console_identifiers(ids bigint[]) RETURNS TABLE (id bigint, \(identifierTypes))
          LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
        BEGIN
          IF NOT desk.console_proven() THEN
            RAISE EXCEPTION 'only a console holding the desk key may read the complainants'' identifiers' USING ERRCODE = '42501';
          END IF;
          RETURN QUERY SELECT c.id, \(identifierList) FROM desk.cases c
            WHERE c.id = ANY(ids) AND (c.kind <> 'report' OR desk.sees_reports());
        END $$;
        REVOKE ALL ON FUNCTION desk.console_identifiers(bigint[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.console_identifiers(bigint[]) TO \(staff);

        -- A desk role's event follows the newest event (ids and links: two consoles saving at
        -- once cannot both extend the same head), carries its links, and names its writer
        -- (the alert rules' events name "rules"). The owner's copy runs with it disabled.
        CREATE FUNCTION desk.events_follow_head() RETURNS trigger
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = desk, pg_temp AS $$
        DECLARE head_id bigint; head_hash bytea;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                         WHERE g.rolname = '\(staff)' AND u.rolname = session_user) THEN
            RETURN NEW;
          END IF;
          SELECT e.id, e.hash INTO head_id, head_hash FROM desk.events e ORDER BY e.id DESC LIMIT 1;
          IF NEW.id IS DISTINCT FROM coalesce(head_id, 0) + 1 OR (head_id IS NOT NULL AND NEW.prev_hash IS DISTINCT FROM head_hash) THEN
            RAISE EXCEPTION 'the event log moved: a new event must follow event %', coalesce(head_id, 0) USING ERRCODE = '40001';
          END IF;
          IF length(NEW.hash) IS DISTINCT FROM 32 OR length(NEW.prev_hash) IS DISTINCT FROM 32 THEN
            RAISE EXCEPTION 'the event log is a hash chain: events are appended only by the console' USING ERRCODE = '23514';
          END IF;
          IF NEW.actor IS DISTINCT FROM session_user::text AND NEW.actor IS DISTINCT FROM 'rules' THEN
            RAISE EXCEPTION 'an event names who wrote it: % may not write as %', session_user, NEW.actor USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER events_follow_head BEFORE INSERT ON desk.events
          FOR EACH ROW EXECUTE FUNCTION desk.events_follow_head();

        -- The alert rules change alerts without an event: their consoles are told too.
        CREATE TRIGGER alerts_announce AFTER INSERT OR UPDATE OR DELETE ON desk.alerts
          FOR EACH STATEMENT EXECUTE FUNCTION desk.announce_change();

        """
        // The roster, shifts and settings decide who sees what: on the server as in the
        // commands, only the roles that manage them may change them.
        s += """
        CREATE FUNCTION desk.acts_as(roles text[]) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
          SELECT EXISTS (SELECT 1 FROM desk.users WHERE name = session_user::text AND active = 1 AND role = ANY(roles))
        $$;
        REVOKE ALL ON FUNCTION desk.acts_as(text[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.acts_as(text[]) TO \(staff);

        """
        var writable = readPolicies
        writable["users"] = "(SELECT desk.acts_as(ARRAY[\(rolesHaving(.manageUsers))]))"
        writable["shifts"] = "(SELECT desk.acts_as(ARRAY[\(rolesHaving(.manageShifts))]))"
        writable["settings"] = "(SELECT desk.acts_as(ARRAY[\(rolesHaving(.changeSettings)), \(rolesHaving(.manageShifts))]))"
        // Writing: only a proven console's session, only rows the login may see (the same
        // condition as reading), and the event log only by appending.
        let proven = "(SELECT desk.console_proven())"
        for t in tables {
            let name = "desk.\(ident(t.name))"
            let visible = writable[t.name] ?? "true"
            if t.name == "events" {
                s += "GRANT INSERT ON \(name) TO \(staff);\n"
            } else {
                s += "GRANT INSERT, UPDATE, DELETE ON \(name) TO \(staff);\n"
                s += "CREATE POLICY desk_update ON \(name) FOR UPDATE TO \(staff) USING (\(proven) AND (\(visible))) WITH CHECK (\(proven) AND (\(visible)));\n"
                s += "CREATE POLICY desk_delete ON \(name) FOR DELETE TO \(staff) USING (\(proven) AND (\(visible)));\n"
            }
            s += "CREATE POLICY desk_insert ON \(name) FOR INSERT TO \(staff) WITH CHECK (\(proven) AND (\(visible)));\n"
        }
        return s
    }

    /// The statements of step 3: what the file lets a role do that step 2's policies refused.
    ///
    /// A team lead records work phones (`console users set-phone`, the shift managers' right)
    /// without managing users: the roster's update policy admits the shift managers too, and a
    /// trigger keeps those who do not manage users to the phone column.
    ///
    /// A duty operator takes a report complaint 举报件 in without seeing it afterwards: a login
    /// that may take report cases in may insert a report case, and the events of a report case
    /// made in the same transaction (`desk.case_made_now`), never of one that was there before.
    /// (Importing report rows is the president's office's, who see them anyway.)
    ///
    /// A login whose user is disabled on the roster (or not on it) reads and writes nothing but the
    /// roster itself, as the console refuses them everything: a restrictive policy on every other
    /// table asks `desk.active_member()`. Without it, someone who left, disabled on the roster but
    /// whose server login was not yet removed, still read every general case in `psql`.
    static func writeParityActiveRosterSQL(_ tables: [DeskTable]) -> String {
        let staff = staffRole
        let proven = "(SELECT desk.console_proven())"
        let managers = "(SELECT desk.acts_as(ARRAY[\(rolesHaving(.manageUsers)), \(rolesHaving(.manageShifts))]))"
        let reportIntake = "(SELECT desk.acts_as(ARRAY[\(rolesHaving(.intake, track: .report))]))"
        var active = """
        CREATE FUNCTION desk.active_member() RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
          SELECT EXISTS (SELECT 1 FROM desk.users WHERE name = session_user::text AND active = 1)
        $$;
        REVOKE ALL ON FUNCTION desk.active_member() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.active_member() TO \(staff);

        """
        for t in tables where t.name != "users" {
            active += "CREATE POLICY desk_active ON desk.\(ident(t.name)) AS RESTRICTIVE FOR ALL TO \(staff) USING ((SELECT desk.active_member())) WITH CHECK ((SELECT desk.active_member()));\n"
        }
        // A desk role's session is a console's only while its roster entry is active: the proof
        // ends with the roster entry (console_identifiers, write_basis and every write policy ask
        // console_proven). The desk's owner, no desk role, is not on the roster.
        active += """
        CREATE OR REPLACE FUNCTION desk.console_proven() RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
          SELECT (desk.active_member() OR NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                                                      JOIN pg_roles u ON u.oid = m.member
                                                      WHERE g.rolname = '\(staff)' AND u.rolname = session_user))
             AND coalesce((SELECT current_setting('desk.console_token', true) =
            encode(sha256(v.token_key || convert_to(pg_backend_pid()::text || ':' || session_user::text || ':'
                   || coalesce(current_setting('desk.console_nonce', true), ''), 'UTF8')), 'hex')
            FROM desk.console_verifier v), false)
        $$;

        """
        // `INSERT … ON CONFLICT DO UPDATE … WHERE` evaluates its WHERE on the conflicting row before
        // row-level security checks it: with a table's key as the arbiter, a login could read a
        // row hidden from it (a report case) through a function in that WHERE. An exclusion
        // constraint keeps the key unique and serves lookups as the primary key did, and
        // PostgreSQL takes no exclusion constraint as the arbiter of DO UPDATE.
        for t in tables where Self.keyAsExclusion.contains(t.name) && !t.primaryKey.isEmpty {
            let name = ident(t.name)
            active += "ALTER TABLE desk.\(name) DROP CONSTRAINT \(ident(t.name + "_pkey")), "
                + "ADD CONSTRAINT \(ident(t.name + "_key")) EXCLUDE USING btree (\(t.primaryKey.map { ident($0) + " WITH =" }.joined(separator: ", ")));\n"
        }
        return active + """
        CREATE FUNCTION desk.case_made_now(case_id bigint) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
          SELECT EXISTS (SELECT 1 FROM desk.cases c WHERE c.id = case_id AND c.kind = 'report' AND c.xmin = pg_current_xact_id()::xid)
        $$;
        REVOKE ALL ON FUNCTION desk.case_made_now(bigint) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.case_made_now(bigint) TO \(staff);
        CREATE POLICY desk_insert_report ON desk.cases FOR INSERT TO \(staff) WITH CHECK (\(proven) AND kind = 'report' AND \(reportIntake));
        CREATE POLICY desk_insert_report ON desk.events FOR INSERT TO \(staff)
          WITH CHECK (\(proven) AND \(reportIntake) AND case_id IS NOT NULL AND desk.case_made_now(case_id));

        DROP POLICY desk_update ON desk.users;
        CREATE POLICY desk_update ON desk.users FOR UPDATE TO \(staff) USING (\(proven) AND \(managers)) WITH CHECK (\(proven) AND \(managers));
        CREATE FUNCTION desk.users_phone_only() RETURNS trigger
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = desk, pg_temp AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                     WHERE g.rolname = '\(staff)' AND u.rolname = session_user)
             AND NOT desk.acts_as(ARRAY[\(rolesHaving(.manageUsers))])
             AND (to_jsonb(NEW) - 'phone') IS DISTINCT FROM (to_jsonb(OLD) - 'phone') THEN
            RAISE EXCEPTION '% records work phones on the roster but does not manage users', session_user USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER users_phone_only BEFORE UPDATE ON desk.users
          FOR EACH ROW EXECUTE FUNCTION desk.users_phone_only();

        """
    }

    /// The tables whose rows some logins may not see and may update: their keys are exclusion
    /// constraints, never the arbiter of `ON CONFLICT DO UPDATE` (step 3). (Events are only
    /// inserted; drafts and alert marks are keyed by their own user.)
    static let keyAsExclusion: Set<String> = ["cases", "penalties", "crisis_cases", "import_keys", "alerts"]

    /// The roles holding permission `p` (on `track`), as SQL text literals.
    static func rolesHaving(_ p: Permission, track: CaseTrack = .general) -> String {
        Permissions.roles(p, track: track).sorted { $0.rawValue < $1.rawValue }.map { literal($0.rawValue) }.joined(separator: ", ")
    }

    /// Sets the console secret of the desk whose audit key is `key` (the owner, in its transaction).
    static func setConsoleKey(_ session: ServerSession, _ key: AuditKey) throws {
        let hex = AuditChain.hex(key.serverConsoleSecret)
        try session.execute("""
            INSERT INTO desk.console_verifier (secret_digest, token_key)
              VALUES (sha256('\\x\(hex)'::bytea), sha256(convert_to(gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')))
              ON CONFLICT (one) DO UPDATE SET secret_digest = excluded.secret_digest
            """)
    }
}
