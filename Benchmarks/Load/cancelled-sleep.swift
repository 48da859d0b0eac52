// Why the service's memory grew with every request: in the Swift runtime on Linux a cancelled
// `Task.sleep` leaks its allocation. This measures the resident memory per iteration of four ways
// of racing a piece of work against a timer, after 2,000 iterations of warm-up:
//
//   swiftc -O Benchmarks/Load/cancelled-sleep.swift -o /tmp/cancelled-sleep
//   for mode in none complete cancel dispatch; do /tmp/cancelled-sleep $mode; done
//
// none: a task group with two children that end at once (the baseline); complete: a sleep that
// runs out; cancel: a sleeping child cancelled when the other child ends (what the request
// deadline did); dispatch: a dispatch timer cancelled when the work ends (what it does now).
import Foundation

func residentKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

let mode = CommandLine.arguments.dropFirst().first ?? "cancel"

func once() async {
    switch mode {
    case "complete":
        try? await Task.sleep(for: .microseconds(10))
    case "cancel":
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: .seconds(60)) }
            group.addTask {}
            await group.next()
            group.cancelAll()
        }
    case "dispatch":
        let work = Task { () -> Int in 1 }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 60)
        timer.setEventHandler { work.cancel() }
        timer.resume()
        _ = await work.value
        timer.cancel()
    default:
        await withTaskGroup(of: Void.self) { group in
            group.addTask {}
            group.addTask {}
            await group.next()
            group.cancelAll()
        }
    }
}

let iterations = 20_000
for _ in 0..<2_000 { await once() }
let start = residentKiB()
for _ in 0..<iterations { await once() }
let end = residentKiB()
print("\(mode): RSS \(start) -> \(end) KiB, \((end - start) * 1024 / iterations) bytes per iteration")
