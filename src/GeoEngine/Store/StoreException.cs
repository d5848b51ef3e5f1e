namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// A database problem a user can act on. <see cref="Exception.Message"/> is one sentence that says
/// what is wrong and what to do; callers print it as it is.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(string message) : base(message) { }

    public StoreException(string message, Exception inner) : base(message, inner) { }

    public StoreException() { }
}
