// The envelope, tag and recipient models live in YotiSignModels, which has no dependencies, so a
// program that only scans PDFs never builds the HTTP stack. Users of the client see them here as
// before.
@_exported public import YotiSignModels
