// Channel: the bounded queue between the import's mapping thread and its writer.
#include <svcdesk/channel.hpp>

#include <doctest/doctest.h>

#include <thread>
#include <vector>

using svcdesk::Channel;

TEST_CASE("a channel delivers every item in order and ends when closed") {
    Channel<int> channel(2);
    std::thread producer([&] {
        for (int i = 0; i < 1000; ++i) REQUIRE(channel.push(i));
        channel.close();
    });
    std::vector<int> got;
    while (auto item = channel.pop()) got.push_back(*item);
    producer.join();
    REQUIRE(got.size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK(got[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("closing from the consumer side releases a producer blocked on a full channel") {
    Channel<int> channel(1);
    REQUIRE(channel.push(1));
    bool pushed = true;
    std::thread producer([&] { pushed = channel.push(2); }); // blocks: the channel is full
    channel.close();
    producer.join();
    CHECK_FALSE(pushed);
    CHECK(channel.pop() == 1); // what was queued before the close is still delivered
    CHECK_FALSE(channel.pop().has_value());
}
