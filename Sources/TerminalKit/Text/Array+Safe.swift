extension Array {
    /// The element at an index, or nil outside the array (a cursor past a list that shrank).
    public subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
