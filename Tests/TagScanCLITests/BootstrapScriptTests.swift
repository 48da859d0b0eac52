import Foundation
import Testing

/// `Scripts/bootstrap.sh` keeps standard output for the caller's report: what apt-get prints
/// while installing goes to standard error, so `Scripts/scan-samples.sh > tags.json` is JSON.
@Suite("Scripts/bootstrap.sh")
struct BootstrapScriptTests {
    @Test("apt-get's output goes to stderr; stdout stays empty")
    func quietStdout() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stand-ins for the package tools: every package missing, and an apt-get as chatty as the real one.
        let stubs: [String: String] = [
            "dpkg": "#!/bin/sh\nexit 1\n",
            "apt-get": "#!/bin/sh\necho \"Reading package lists... (apt-get $*)\"\necho 'Setting up libpoppler-glib-dev'\n",
            "sudo": "#!/bin/sh\nexec \"$@\"\n",
        ]
        for (name, body) in stubs {
            let path = folder.appendingPathComponent(name).path
            try Data(body.utf8).write(to: URL(fileURLWithPath: path))
            #expect(chmod(path, 0o755) == 0)
        }
        let outcome = try ShellRunner.run(#"PATH="$STUBS:$PATH" bash Scripts/bootstrap.sh"#, environment: ["STUBS": folder.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "\(outcome.stdout)")
        #expect(outcome.stderr.contains("Reading package lists... (apt-get update)"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Reading package lists... (apt-get install -y pkg-config libpoppler-glib-dev libpoppler-private-dev libqpdf-dev qpdf)"))
        #expect(outcome.stderr.contains("Setting up libpoppler-glib-dev"))
    }
}
