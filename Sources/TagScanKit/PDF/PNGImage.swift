import Foundation
internal import CPoppler

/// A decoded PNG as a grid of pixels, read with cairo's PNG reader: for tests that check what a
/// preview drew, and for anyone who wants to look at a preview's pixels without another library.
package struct PNGImage: Sendable, Hashable {
    package var width: Int
    package var height: Int
    /// Row by row, top to bottom, each pixel `0xAARRGGBB` with straight (not premultiplied) alpha.
    package var pixels: [UInt32]

    /// Decodes `png`; throws `.invalidPNG` with cairo's reason when it cannot.
    package init(decoding png: Data) throws(PreviewError) {
        let reader = PNGReader(data: png)
        let surface: OpaquePointer? = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(
                { closure, buffer, length in
                    guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
                    let reader = Unmanaged<PNGReader>.fromOpaque(closure).takeUnretainedValue()
                    return reader.read(into: buffer, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
                }, Unmanaged.passUnretained(reader).toOpaque())
        }
        guard let surface else { throw .invalidPNG("cairo returned no surface") }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .invalidPNG(String(cString: cairo_status_to_string(status))) }
        cairo_surface_flush(surface)

        let format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24 else {
            throw .invalidPNG("cairo decoded it to pixel format \(format.rawValue), not 32-bit RGB")
        }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let base = cairo_image_surface_get_data(surface) else { throw .invalidPNG("cairo gave no pixel data") }
        let opaque = format == CAIRO_FORMAT_RGB24
        var pixels = [UInt32](repeating: 0, count: width * height)
        let raw = UnsafeRawPointer(base)
        for y in 0..<height {
            let row = raw + y * stride
            for x in 0..<width {
                let word = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                pixels[y * width + x] = opaque ? word | 0xFF00_0000 : Self.unpremultiplied(word)
            }
        }
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y` (0-based, from the top-left): its colour and alpha.
    package func pixel(x: Int, y: Int) -> (color: PreviewColor, alpha: UInt8) {
        let word = pixels[y * width + x]
        return (
            PreviewColor(red: UInt8(word >> 16 & 0xFF), green: UInt8(word >> 8 & 0xFF), blue: UInt8(word & 0xFF)),
            UInt8(word >> 24)
        )
    }

    private static func unpremultiplied(_ word: UInt32) -> UInt32 {
        let alpha = word >> 24
        guard alpha != 0, alpha != 255 else { return alpha == 0 ? 0 : word }
        func channel(_ shift: UInt32) -> UInt32 { min(255, ((word >> shift & 0xFF) * 255 + alpha / 2) / alpha) << shift }
        return alpha << 24 | channel(16) | channel(8) | channel(0)
    }
}

/// Feeds bytes to cairo's PNG reader callback.
private final class PNGReader {
    let data: Data
    var offset = 0

    init(data: Data) { self.data = data }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= data.count - offset else { return false }
        let start = data.startIndex + offset
        data.copyBytes(to: buffer, from: start..<start + count)
        offset += count
        return true
    }
}

/// Collects the bytes of cairo's PNG writer callback.
final class PNGWriter {
    private(set) var data = Data()

    /// Encodes an image surface as PNG.
    static func encode(_ surface: OpaquePointer) throws(PreviewError) -> Data {
        let writer = PNGWriter()
        let status = withExtendedLifetime(writer) {
            cairo_surface_write_to_png_stream(
                surface,
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<PNGWriter>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(writer).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else { throw .renderFailed("PNG encoding: " + String(cString: cairo_status_to_string(status))) }
        return writer.data
    }
}
