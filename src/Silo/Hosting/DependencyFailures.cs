using System.Data.Common;
using Orleans.Reminders.Redis;
using StackExchange.Redis;

namespace BatchCalling.Hosting;

/// <summary>Which server the cluster depends on an exception says failed: the one test that silo and gateway share.</summary>
public static class DependencyFailures
{
    public const string Database = "The database";

    /// <summary>"The database", "Redis", or null when the failure (or what it wraps) is not a dependency's.</summary>
    public static string? Name(Exception? error) => error switch
    {
        null => null,
        DbException => Database,
        RedisException or RedisRemindersException => "Redis",
        AggregateException aggregate => aggregate.InnerExceptions.Select(Name).FirstOrDefault(n => n is not null),
        _ => Name(error.InnerException),
    };
}
