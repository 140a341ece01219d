using BatchCalling.Contacts;
using BatchCalling.Jobs;
using Orleans.Storage;

namespace BatchCalling.UnitTests.Jobs;

public sealed class JobContactStoreTests
{
    private static readonly GrainId JobId = GrainId.Create("job", "batch_1");

    /// <summary>2,500 contacts in three chunks; custom fields on a few, first seen in chunks 0, 1 and 2.</summary>
    private static readonly List<ContactInput> Contacts = [.. Enumerable.Range(0, 2500).Select(i => new ContactInput($"+1202555{i:D4}", null, i switch
    {
        7 => """{"company":"Acme"}""",
        1500 => """{"city":"Rome","company":"B"}""",
        2400 => """{"score":3}""",
        _ => null,
    }))];

    [Fact]
    public async Task A_new_job_keeps_its_custom_field_names_in_first_seen_order()
    {
        var storage = new DictionaryStorage();
        await new JobContactStore(storage, JobId, Contacts.Count).WriteInputsAsync(Contacts);

        Assert.Equal(["company", "city", "score"], await new JobContactStore(storage, JobId, Contacts.Count).ReadCustomFieldNamesAsync());
        Assert.Contains("custom-fields", storage.Records.Keys);
    }

    [Fact]
    public async Task A_job_stored_before_the_names_were_kept_has_them_found_in_its_inputs()
    {
        var storage = new DictionaryStorage();
        await new JobContactStore(storage, JobId, Contacts.Count).WriteInputsAsync(Contacts);
        storage.Records.Remove("custom-fields");

        Assert.Equal(["company", "city", "score"], await new JobContactStore(storage, JobId, Contacts.Count).ReadCustomFieldNamesAsync());
    }

    [Fact]
    public async Task An_input_chunk_reads_whole()
    {
        var storage = new DictionaryStorage();
        await new JobContactStore(storage, JobId, Contacts.Count).WriteInputsAsync(Contacts);

        var chunk = await new JobContactStore(storage, JobId, Contacts.Count).ReadInputChunkAsync(2);

        Assert.Equal(Contacts[2000..], chunk);
    }

    /// <summary>Grain storage for one grain, by state name.</summary>
    private sealed class DictionaryStorage : IGrainStorage
    {
        public Dictionary<string, object?> Records { get; } = [];

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (Records.TryGetValue(stateName, out var value))
            {
                (grainState.State, grainState.RecordExists, grainState.ETag) = ((T)value!, true, "1");
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Records[stateName] = grainState.State;
            (grainState.RecordExists, grainState.ETag) = (true, "1");
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Records.Remove(stateName);
            return Task.CompletedTask;
        }
    }
}
