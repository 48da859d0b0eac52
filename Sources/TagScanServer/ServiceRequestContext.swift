import Hummingbird
import NIOCore

/// The request context of the service: Hummingbird's basic one plus the connection, which a
/// refusal closes instead of reading a body it will not use.
struct ServiceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
