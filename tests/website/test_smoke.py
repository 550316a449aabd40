def test_home_page_renders_in_vietnamese(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert home_page.title in response.text
