import NIOCore
import NIOPosix

/// Sends raw bytes to a loopback server over TCP and returns everything it answers until it
/// closes the connection: how a `--dry-run` printout is "sent for real".
enum RawHTTPClient {
    static func send(_ bytes: [UInt8], toPort port: Int) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            var answer = ""
            for try await buffer in inbound {
                answer += String(buffer: buffer)
            }
            return answer
        }
    }
}
